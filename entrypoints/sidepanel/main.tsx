import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { LocaleProvider } from '@/components/i18n';
import '@/components/styles.css';
import { resolveLocale } from '@/lib/i18n/core';
import { languageItem } from '@/lib/settings/items';
import { App, PERF_MARKS } from './App';
import { preloadDeferredModules } from './lazy';
import { useSetting } from './hooks/use-setting';

function Root() {
  const language = useSetting(languageItem, (s) => s.languageSettingSchema, 'auto');
  const locale = resolveLocale(language, navigator.languages);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    // The sidebar is interactive from its first commit: search and the composer work from here.
    performance.mark(PERF_MARKS.interactive);
  }, []);
  return (
    <LocaleProvider locale={locale}>
      <App />
    </LocaleProvider>
  );
}

preloadDeferredModules();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
