import type { ReactNode } from 'react';
import { coreMessages } from '@/lib/i18n/messages/core';
import { useMessages } from './i18n';

export type PageAccess = 'full' | 'url-only' | 'none';

export interface ContextBarProps {
  page: { title: string; url: string; domain: string | null } | null;
  access: PageAccess;
  neverLogged: boolean;
  /** What the match says, already resolved to names. */
  match: { accountName: string; contactName: string | null; confidence: 'email' | 'domain' | 'name'; via: string } | null;
  /** An account picked from search that differs from the page's match. */
  pinnedAccountName: string | null;
  onBackToPage: () => void;
  /** "Let Sidenote read …" for reading the site without a click, naming exactly what it asks for; null when a grant cannot help. */
  allowSite: { host: string; withSubdomains: boolean; onAllow: () => void } | null;
  /** One small control on the title's line (Log this thread), so it costs the first screen no height. */
  action?: ReactNode;
}

/** The current tab as Sidenote sees it, and what it matched. Page text is rendered as text only. */
export function ContextBar({ page, access, neverLogged, match, pinnedAccountName, onBackToPage, allowSite, action }: ContextBarProps) {
  const t = useMessages(coreMessages);
  if (!page) {
    return (
      <section className="sn-context" aria-label={t.thisPage}>
        <span className="sn-muted">{t.noPage}</span>
      </section>
    );
  }
  const how = match ? { email: t.confidenceEmail, domain: t.confidenceDomain, name: t.confidenceName }[match.confidence] : '';
  return (
    <section className="sn-context" aria-label={t.thisPage} data-testid="page-context">
      <div className="sn-context__head">
        <span className="sn-context__title" title={`${page.title}\n${page.url}`}>
          {page.title || page.url}
        </span>
        {action}
      </div>
      {/* Once the page matched, its address is in the title's tooltip: the line goes to the composer. */}
      {!match && (
        <span className="sn-context__url" title={page.url}>
          {page.domain ? `${page.domain} · ` : ''}
          {page.url}
        </span>
      )}
      {neverLogged ? (
        <span className="sn-context__match sn-muted">{t.neverLogged}</span>
      ) : match ? (
        <span className="sn-context__match" data-testid="match-summary">
          {t.matchedBy(match.contactName ? `${match.contactName} · ${match.accountName}` : match.accountName, how)}
        </span>
      ) : null}
      {pinnedAccountName && (
        <span className="sn-context__match">
          {t.showingPinned(pinnedAccountName)}{' '}
          <button type="button" className="sn-link" onClick={onBackToPage}>
            {t.backToPage}
          </button>
        </span>
      )}
      {access === 'url-only' && allowSite && !neverLogged && (
        <div className="sn-context__actions">
          <span className="sn-hint">{t.urlOnly}</span>
          <button type="button" className="sn-button sn-button--small" onClick={allowSite.onAllow} title={t.allowSiteWhy} data-testid="allow-site">
            {t.allowSite(allowSite.host, allowSite.withSubdomains)}
          </button>
          <span className="sn-hint">{t.allowSiteWhy}</span>
        </div>
      )}
    </section>
  );
}
