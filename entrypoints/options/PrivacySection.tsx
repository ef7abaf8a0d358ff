import { useState, type FormEvent } from 'react';
import { useMessages } from '@/components/i18n';
import { coreMessages } from '@/lib/i18n/messages/core';
import { optionsMessages } from '@/lib/i18n/messages/options';
import { privacySettingsSchema, THREAD_CAPTURE_MODES, type PrivacySettings, type ThreadCaptureMode } from '@/lib/schemas';
import { threadMessages } from '@/lib/i18n/messages/thread';
import { DEFAULT_PRIVACY_SETTINGS, privacyItem } from '@/lib/settings/items';
import { parseNeverLogList } from '@/lib/settings/never-log';
import { useStoredSetting } from './use-stored-setting';

export function PrivacySection() {
  const stored = useStoredSetting(privacyItem, privacySettingsSchema, DEFAULT_PRIVACY_SETTINGS);
  const [message, setMessage] = useState<Message | null>(null);
  // A saved change (here or in another options tab) resets the form to it.
  return <PrivacyForm key={JSON.stringify(stored)} stored={stored} message={message} setMessage={setMessage} />;
}

type Message = { tone: 'ok' | 'error'; text: string };

function PrivacyForm({ stored, message, setMessage }: { stored: PrivacySettings; message: Message | null; setMessage: (message: Message | null) => void }) {
  const t = useMessages(optionsMessages);
  const core = useMessages(coreMessages);
  const [text, setText] = useState(stored.neverLog.join('\n'));
  const [visibility, setVisibility] = useState<PrivacySettings['defaultVisibility']>(stored.defaultVisibility);
  const [threadCapture, setThreadCapture] = useState<ThreadCaptureMode>(stored.threadCapture);
  const thread = useMessages(threadMessages);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseNeverLogList(text);
    if (!parsed.ok) {
      setMessage({ tone: 'error', text: t.neverLogInvalid(parsed.invalid) });
      return;
    }
    await privacyItem.setValue(privacySettingsSchema.parse({ neverLog: parsed.entries, defaultVisibility: visibility, threadCapture }));
    setMessage({ tone: 'ok', text: t.privacySaved });
  };

  return (
    <section className="sn-card" aria-labelledby="sn-privacy-title">
      <h2 id="sn-privacy-title" className="sn-section-title">
        {t.privacySection}
      </h2>
      <form className="sn-form" onSubmit={(event) => void save(event)}>
        <label className="sn-field">
          <span>{t.neverLog}</span>
          <textarea className="sn-textarea" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="sn-never-log-hint" rows={5} />
          <span id="sn-never-log-hint" className="sn-hint">
            {t.neverLogHint}
          </span>
        </label>
        <label className="sn-field">
          <span>{t.defaultVisibility}</span>
          <select className="sn-select" value={visibility} onChange={(e) => setVisibility(e.target.value as PrivacySettings['defaultVisibility'])}>
            <option value="team">{core.visibilityTeam}</option>
            <option value="private">{core.visibilityPrivate}</option>
          </select>
        </label>
        <label className="sn-field">
          <span>{thread.threadCaptureSetting}</span>
          <select className="sn-select" value={threadCapture} onChange={(e) => setThreadCapture(e.target.value as ThreadCaptureMode)} aria-describedby="sn-thread-capture-hint">
            {THREAD_CAPTURE_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {thread[`mode_${mode}`]}
              </option>
            ))}
          </select>
          <span id="sn-thread-capture-hint" className="sn-hint">
            {thread.threadCaptureHint}
          </span>
        </label>
        {message && (
          <p className={message.tone === 'error' ? 'sn-error' : 'sn-hint'} role={message.tone === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        <div className="sn-form__actions">
          <button type="submit" className="sn-button sn-button--primary">
            {t.savePrivacy}
          </button>
        </div>
      </form>
    </section>
  );
}
