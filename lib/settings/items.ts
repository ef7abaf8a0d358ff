import { storage } from 'wxt/utils/storage';
import type { LanguageSetting, PrivacySettings, RepProfile, ServerSettings, Snippet } from '../schemas';

/**
 * Settings live in extension storage, not in Dexie: the background, the sidebar and the
 * options page all read them, and `sync:` items follow the rep to another browser. The
 * token stays in `local:` so it never leaves this browser profile. Values are parsed with
 * the schemas in ./schemas.ts wherever they are read.
 */

export interface Identity {
  repId: string;
  repName: string;
  repEmail: string | null;
  teamId: string;
  teamName: string;
  serverUrl: string;
  /** Teammates by id, so the timeline can name authors while offline. */
  reps: Array<{ id: string; name: string }>;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { url: '', token: '' };
export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = { neverLog: [], defaultVisibility: 'team', threadCapture: 'excerpt' };

export const serverSettingsItem = storage.defineItem<ServerSettings>('local:server', { fallback: DEFAULT_SERVER_SETTINGS });
export const languageItem = storage.defineItem<LanguageSetting>('sync:language', { fallback: 'auto' });
export const privacyItem = storage.defineItem<PrivacySettings>('sync:privacy', { fallback: DEFAULT_PRIVACY_SETTINGS });
/** The rep's snippets; local, not sync storage, whose per-item quota (8 KB) they would outgrow. */
export const snippetsItem = storage.defineItem<Snippet[]>('local:snippets', { fallback: [] });
/** Who this browser syncs as, from the server's hello; kept so writes name their author offline. */
export const identityItem = storage.defineItem<Identity | null>('local:identity', { fallback: null });
/** The rep's own name, work email and company domain, from the first-run step; follows the rep to another browser. */
export const profileItem = storage.defineItem<RepProfile | null>('sync:profile', { fallback: null });
/** The rep chose "Not now" on the first-run step; it stays reachable in the options page. */
export const firstRunSkippedItem = storage.defineItem<boolean>('local:firstRunSkipped', { fallback: false });
