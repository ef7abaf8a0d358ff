/**
 * Address and never-log checks that need no public suffix list, so the sidebar can run
 * them before the list (tldts, the largest part of its JavaScript) has loaded.
 */

export function emailDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 1 || at === address.length - 1) return null;
  return address.slice(at + 1).trim().toLowerCase();
}

/**
 * Whether a never-log entry covers an address or host. Entries are whole addresses
 * (`me@home.net`) or domains, which also cover their subdomains.
 */
export function isNeverLogged(addressOrHost: string, neverLog: readonly string[]): boolean {
  const value = addressOrHost.trim().toLowerCase();
  const host = value.includes('@') ? (emailDomain(value) ?? '') : value;
  return neverLog.some((entry) => {
    const rule = entry.trim().toLowerCase();
    if (!rule) return false;
    if (rule.includes('@')) return rule === value;
    return host === rule || host.endsWith(`.${rule}`);
  });
}

/**
 * The never-log list in force: the rep's own list plus their company's domain, which is
 * never a customer (so never offered as a new account) and never captured.
 */
export function withOwnDomain(neverLog: readonly string[], ownDomain: string | null | undefined): readonly string[] {
  const domain = ownDomain?.trim().toLowerCase();
  if (!domain || neverLog.some((entry) => entry.trim().toLowerCase() === domain)) return neverLog;
  return [...neverLog, domain];
}
