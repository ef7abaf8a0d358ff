import { useRef, useState } from 'react';
import { profileMessages } from '@/lib/i18n/messages/profile';
import type { RepProfile } from '@/lib/schemas';
import { useMessages } from './i18n';
import { ProfileForm } from './ProfileForm';

/**
 * The first-run step: one line until the rep opens it, so the first screen stays for the
 * page; then name, work email and company domain. "Not now" hides it (options keep it).
 */
export function FirstRunBanner({ onSave, onSkip }: { onSave: (profile: RepProfile) => Promise<void>; onSkip: () => void }) {
  const t = useMessages(profileMessages);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  if (open) {
    return (
      <ProfileForm
        initial={null}
        variant="first-run"
        onSave={onSave}
        onSkip={() => {
          setOpen(false);
          setTimeout(() => opener.current?.focus(), 0);
        }}
      />
    );
  }
  return (
    <section className="sn-card sn-first-run" aria-label={t.firstRunTitle}>
      <span className="sn-hint">{t.firstRunPrompt}</span>
      <span className="sn-form__actions">
        <button type="button" className="sn-button" onClick={onSkip}>
          {t.skip}
        </button>
        <button ref={opener} type="button" className="sn-button sn-button--primary" onClick={() => setOpen(true)}>
          {t.setUp}
        </button>
      </span>
    </section>
  );
}
