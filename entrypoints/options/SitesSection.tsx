import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { SiteAccessList } from '@/components/capture/SiteAccessList';
import { listGrantedSites, revokeHostAccess, type GrantedSite, type HostAccessApi } from '@/lib/browser/host-access';

const hostApi = browser as unknown as HostAccessApi;

/** Sites the rep allowed, kept current when a grant changes anywhere (sidebar, browser settings). */
export function SitesSection() {
  const [sites, setSites] = useState<GrantedSite[]>([]);
  const refresh = useCallback(() => void listGrantedSites(hostApi).then(setSites), []);
  useEffect(() => {
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, [refresh]);
  return <SiteAccessList sites={sites} onRevoke={(pattern) => void revokeHostAccess(hostApi, pattern).then(refresh)} />;
}
