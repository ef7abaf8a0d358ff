import type * as HostAccess from '@/lib/browser/host-access';

/**
 * Modules the sidebar needs soon but not for its first paint: matching and page reading
 * carry the public suffix list, and the write path carries Zod; together they would
 * nearly double the initial JavaScript. They load in parallel with the first render and
 * are cached after, so the first save waits for nothing in practice.
 */
export const loadMatching = () => import('./matching-io');
export const loadExtract = () => import('@/lib/context/extract');
export const loadWrites = () => import('./writes');
export const loadFunnel = () => import('./funnel-io');
export const loadSyncIo = () => import('./sync-io');
export const loadProtocol = () => import('@/lib/messaging/protocol');
export const loadSettingsSchemas = () => import('@/lib/settings/schemas');

type HostAccessModule = typeof HostAccess;
let hostAccess: HostAccessModule | null = null;
export const loadHostAccess = async (): Promise<HostAccessModule> => (hostAccess ??= await import('@/lib/browser/host-access'));
/**
 * The host-access module if it has loaded (it has by the time a page is shown). Permission
 * prompts must be requested synchronously inside the click, so no await is allowed there.
 */
export const loadedHostAccess = (): HostAccessModule | null => hostAccess;

export function preloadDeferredModules(): void {
  void loadWrites();
  void loadMatching();
  void loadExtract();
  void loadProtocol();
  void loadHostAccess();
  void loadSyncIo();
}
