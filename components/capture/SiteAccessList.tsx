import { useId } from 'react';
import { captureMessages } from '@/lib/i18n/messages/capture';
import { useMessages } from '../i18n';

export interface SiteAccessListProps {
  sites: ReadonlyArray<{ pattern: string; label: string }>;
  onRevoke: (pattern: string) => void;
}

/** The sites the rep let Sidenote read, each with a way to take it back. */
export function SiteAccessList({ sites, onRevoke }: SiteAccessListProps) {
  const t = useMessages(captureMessages);
  const titleId = useId();
  return (
    <section className="sn-card sn-sites" aria-labelledby={titleId}>
      <h3 id={titleId} className="sn-section-title">{t.sitesTitle}</h3>
      <p className="sn-hint">{t.sitesIntro}</p>
      {sites.length === 0 ? (
        <p className="sn-muted">{t.sitesEmpty}</p>
      ) : (
        <ul className="sn-sites__list">
          {sites.map((site) => {
            const label = site.label === '*' ? t.sitesAll : site.label;
            return (
              <li key={site.pattern} className="sn-sites__item">
                <span className="sn-sites__name">{label}</span>
                <button type="button" className="sn-button sn-button--small sn-button--danger" onClick={() => onRevoke(site.pattern)}>
                  {t.revokeSite(label)}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
