import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { useMessages } from '@/components/i18n';
import { optionsMessages } from '@/lib/i18n/messages/options';
import type { SidenoteDb } from '@/lib/db/database';
import { serverSettingsSchema, type ServerSettings } from '@/lib/schemas';
import { DEFAULT_SERVER_SETTINGS, identityItem, serverSettingsItem, type Identity } from '@/lib/settings/items';
import { testConnection, type ConnectionVerdict } from '@/lib/sync/connection';
import { planTeamSwitch, switchTeam, type TeamSwitchPlan, type TeamSwitchResult } from '@/lib/sync/switch-team';
import { createTransport } from '@/lib/sync/transport';
import { useStoredSetting } from './use-stored-setting';

type OptionsText = (typeof optionsMessages)['en'];

/** The verdict in the rep's language: what happened and what to do. */
export function verdictText(t: OptionsText, verdict: ConnectionVerdict): string {
  if (verdict.ok) return t.verdict_ok(verdict.team.name, verdict.rep.name);
  switch (verdict.code) {
    case 'bad_address':
      return t.verdict_bad_address(verdict.detail);
    case 'unreachable':
      return t.verdict_unreachable(verdict.baseUrl ?? '');
    case 'bad_token':
      return t.verdict_bad_token(verdict.detail);
    case 'incompatible_version':
      return t.verdict_incompatible_version(verdict.detail);
    default:
      return t.verdict_server_error(verdict.detail);
  }
}

const browserFetch = (input: string, init?: RequestInit) => fetch(input, init);

/** Stores settings that connected, and who they connect as. */
async function applyServerSettings(verdict: Extract<ConnectionVerdict, { ok: true }>, token: string): Promise<void> {
  await serverSettingsItem.setValue({ url: verdict.baseUrl, token: token.trim() });
  const previous = await identityItem.getValue();
  await identityItem.setValue({
    repId: verdict.rep.id,
    repName: verdict.rep.name,
    repEmail: verdict.rep.email,
    teamId: verdict.team.id,
    teamName: verdict.team.name,
    serverUrl: verdict.baseUrl,
    reps: previous?.teamId === verdict.team.id ? previous.reps : [],
  });
}

async function requestSettingsSync(): Promise<void> {
  await browser.runtime.sendMessage({ type: 'sync/request', reason: 'settings_changed' }).catch(() => undefined);
}

/** Settings that connect to another team than the one whose records this browser holds: asked first. */
interface PendingSwitch {
  verdict: Extract<ConnectionVerdict, { ok: true }>;
  token: string;
  plan: TeamSwitchPlan;
}

export function ServerSection({ identity, db }: { identity: Identity | null; db: SidenoteDb }) {
  const stored = useStoredSetting(serverSettingsItem, serverSettingsSchema, DEFAULT_SERVER_SETTINGS);
  // A setting saved elsewhere resets the form to it.
  return <ServerForm key={`${stored.url}\n${stored.token}`} stored={stored} identity={identity} db={db} />;
}

function ServerForm({ stored, identity, db }: { stored: ServerSettings; identity: Identity | null; db: SidenoteDb }) {
  const t = useMessages(optionsMessages);
  const [url, setUrl] = useState(stored.url);
  const [token, setToken] = useState(stored.token);
  const [showToken, setShowToken] = useState(false);
  const [pendingSwitch, setPendingSwitch] = useState<PendingSwitch | null>(null);
  const check = useMutation({ mutationFn: (settings: ServerSettings) => testConnection(settings, browserFetch) });
  const save = useMutation({
    mutationFn: async (settings: ServerSettings) => {
      const verdict = await testConnection(settings, browserFetch);
      if (!verdict.ok) return verdict;
      const plan = await planTeamSwitch(db, { teamId: verdict.team.id, teamName: verdict.team.name, baseUrl: verdict.baseUrl });
      if (plan.needsConfirmation) {
        setPendingSwitch({ verdict, token: settings.token, plan });
        return verdict;
      }
      await applyServerSettings(verdict, settings.token);
      await requestSettingsSync();
      return verdict;
    },
  });
  const switching = useMutation({
    mutationFn: async ({ target, discardUnsent }: { target: PendingSwitch; discardUnsent: boolean }): Promise<TeamSwitchResult> => {
      const oldTransport = stored.url && stored.token ? createTransport({ baseUrl: stored.url, token: stored.token, fetch: browserFetch }) : null;
      const result = await switchTeam(db, { oldTransport, discardUnsent, applySettings: () => applyServerSettings(target.verdict, target.token) });
      if (result.ok) {
        setPendingSwitch(null);
        await requestSettingsSync();
      }
      return result;
    },
  });
  const disconnect = async () => {
    await serverSettingsItem.setValue({ url: stored.url, token: '' });
    await identityItem.setValue(null);
  };
  const settings = () => ({ url, token });
  const verdict = save.data ?? check.data;
  const busy = check.isPending || save.isPending || switching.isPending;
  const blocked = switching.data && !switching.data.ok ? switching.data : null;

  return (
    <section className="sn-card" aria-labelledby="sn-server-title" data-testid="server-settings">
      <h2 id="sn-server-title" className="sn-section-title">
        {t.serverSection}
      </h2>
      {identity && stored.token && <p data-testid="connected-as">{t.connectedAs(identity.repName, identity.teamName)}</p>}
      <form
        className="sn-form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          save.mutate(settings());
        }}
      >
        <label className="sn-field">
          <span>{t.serverUrl}</span>
          <input className="sn-input" type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby="sn-server-url-hint" required />
          <span id="sn-server-url-hint" className="sn-hint">
            {t.serverUrlHint}
          </span>
        </label>
        <label className="sn-field">
          <span>{t.token}</span>
          <input
            className="sn-input"
            type={showToken ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="sn-token-hint"
            required
          />
          <span id="sn-token-hint" className="sn-hint">
            {t.tokenHint}
          </span>
        </label>
        <label className="sn-radio" style={{ alignSelf: 'flex-start' }}>
          <input type="checkbox" checked={showToken} onChange={(e) => setShowToken(e.target.checked)} />
          {t.showToken}
        </label>
        {verdict && (
          <p className={verdict.ok ? 'sn-hint' : 'sn-error'} role={verdict.ok ? 'status' : 'alert'} data-testid="connection-verdict" data-verdict={verdict.code}>
            {verdictText(t, verdict)}
          </p>
        )}
        {save.data?.ok && !pendingSwitch && !switching.data?.ok && <p className="sn-hint">{t.serverSaved}</p>}
        {switching.data?.ok && (
          <p className="sn-hint" role="status" data-testid="team-switched">
            {t.switchDone(switching.data.removedRecords)}
          </p>
        )}
        {pendingSwitch && (
          <div className="sn-card" role="alertdialog" aria-labelledby="sn-switch-title" aria-describedby="sn-switch-text" data-testid="team-switch">
            <p id="sn-switch-title">
              <strong>{t.switchTitle(pendingSwitch.plan.from?.teamName ?? '', pendingSwitch.plan.to.teamName)}</strong>
            </p>
            <p id="sn-switch-text">
              {t.switchExplain(pendingSwitch.plan.records, pendingSwitch.plan.pending)}
              {pendingSwitch.plan.parked > 0 && ` ${t.switchParked(pendingSwitch.plan.parked)}`}
            </p>
            {blocked && (
              <p className="sn-error" role="alert">
                {t.switchBlocked(blocked.pending, blocked.reason)}
              </p>
            )}
            <div className="sn-form__actions">
              <button type="button" className="sn-button" disabled={switching.isPending} onClick={() => (setPendingSwitch(null), switching.reset())}>
                {t.switchCancel}
              </button>
              {blocked && (
                <button type="button" className="sn-button sn-button--danger" disabled={switching.isPending} onClick={() => switching.mutate({ target: pendingSwitch, discardUnsent: true })}>
                  {t.switchDiscard(blocked.pending)}
                </button>
              )}
              <button type="button" className="sn-button sn-button--primary" disabled={switching.isPending} onClick={() => switching.mutate({ target: pendingSwitch, discardUnsent: false })}>
                {t.switchConfirm}
              </button>
            </div>
          </div>
        )}
        <div className="sn-form__actions">
          {stored.token && (
            <button type="button" className="sn-button sn-button--danger" onClick={() => void disconnect()}>
              {t.disconnect}
            </button>
          )}
          <button type="button" className="sn-button" disabled={busy} onClick={() => check.mutate(settings())}>
            {check.isPending ? t.testing : t.testConnection}
          </button>
          <button type="submit" className="sn-button sn-button--primary" disabled={busy}>
            {t.saveServer}
          </button>
        </div>
      </form>
    </section>
  );
}
