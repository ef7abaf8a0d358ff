import { useMessages } from '@/components/i18n';
import { ProfileForm } from '@/components/ProfileForm';
import { profileMessages } from '@/lib/i18n/messages/profile';
import type { RepProfile } from '@/lib/schemas';
import { profileItem, type Identity } from '@/lib/settings/items';
import { saveProfile } from '@/lib/settings/profile-store';
import { nullableProfileSchema } from '@/lib/settings/schemas';
import { useStoredSetting } from './use-stored-setting';

/** The rep's name, work email and company domain, as asked on first run; editable here. */
export function ProfileSection({ identity }: { identity: Identity | null }) {
  const t = useMessages(profileMessages);
  const profile = useStoredSetting<RepProfile | null>(profileItem, nullableProfileSchema, null);
  return (
    <section className="sn-card">
      {/* A profile saved here or in the panel resets the form to it. */}
      <ProfileForm key={JSON.stringify(profile)} initial={profile} variant="options" onSave={saveProfile} />
      {identity && <p className="sn-hint">{t.serverIdentity(identity.repName, identity.teamName)}</p>}
    </section>
  );
}
