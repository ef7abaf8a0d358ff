import { browser } from 'wxt/browser';
import { useMessages } from '@/components/i18n';
import { getDb } from '@/lib/db/instance';
import { coreMessages } from '@/lib/i18n/messages/core';
import { optionsMessages } from '@/lib/i18n/messages/options';
import type { LanguageSetting } from '@/lib/schemas';
import { identityItem, type Identity } from '@/lib/settings/items';
import { nullableIdentitySchema } from '@/lib/settings/schemas';
import { ImportExportSection } from './ImportExportSection';
import { PrivacySection } from './PrivacySection';
import { ProfileSection } from './ProfileSection';
import { ServerSection } from './ServerSection';
import { SitesSection } from './SitesSection';
import { SnippetsSection } from './SnippetsSection';
import { useStoredSetting } from './use-stored-setting';
import { languageItem } from '@/lib/settings/items';

const SHORTCUTS_PAGE = import.meta.env.FIREFOX ? 'about:addons' : 'chrome://extensions/shortcuts';

export function OptionsApp({ language }: { language: LanguageSetting }) {
  const t = useMessages(optionsMessages);
  const core = useMessages(coreMessages);
  const identity = useStoredSetting<Identity | null>(identityItem, nullableIdentitySchema, null);
  return (
    <main className="sn-options">
      <h1>{t.title}</h1>
      <p className="sn-muted">{t.intro}</p>
      <ProfileSection identity={identity} />
      <ServerSection identity={identity} db={getDb()} />
      <section className="sn-card" aria-labelledby="sn-language-title">
        <h2 id="sn-language-title" className="sn-section-title">
          {t.languageSection}
        </h2>
        <label className="sn-field">
          <span>{core.language}</span>
          <select className="sn-select" value={language} onChange={(e) => void languageItem.setValue(e.target.value as LanguageSetting)}>
            <option value="auto">{core.languageAuto}</option>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
          <span className="sn-hint">{t.languageHint}</span>
        </label>
      </section>
      <PrivacySection />
      <SnippetsSection />
      <section aria-labelledby="sn-sites-title">
        <h2 id="sn-sites-title" className="sn-visually-hidden">
          {t.sitesSection}
        </h2>
        <SitesSection />
      </section>
      <section className="sn-card" aria-labelledby="sn-data-title">
        <h2 id="sn-data-title" className="sn-section-title">
          {t.dataSection}
        </h2>
        <ImportExportSection db={getDb()} ownerId={identity?.repId ?? null} />
      </section>
      <section className="sn-card" aria-labelledby="sn-shortcuts-title">
        <h2 id="sn-shortcuts-title" className="sn-section-title">
          {t.shortcutsSection}
        </h2>
        <p className="sn-hint">{t.shortcutsHint}</p>
        <button type="button" className="sn-button" onClick={() => void browser.tabs.create({ url: SHORTCUTS_PAGE })}>
          {t.openShortcuts}
        </button>
      </section>
    </main>
  );
}
