import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { LocaleProvider } from '@/components/i18n';
import '@/components/styles.css';
import '@/components/capture/capture.css';
import { resolveLocale } from '@/lib/i18n/core';
import { languageSettingSchema } from '@/lib/schemas';
import { languageItem } from '@/lib/settings/items';
import { OptionsApp } from './OptionsApp';
import { useStoredSetting } from './use-stored-setting';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });

function Root() {
  const language = useStoredSetting(languageItem, languageSettingSchema, 'auto');
  const locale = resolveLocale(language, navigator.languages);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <LocaleProvider locale={locale}>
      <OptionsApp language={language} />
    </LocaleProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
);
