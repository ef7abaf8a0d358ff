import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createFormatters, type Bilingual, type Formatters, type Locale, type Messages } from '@/lib/i18n/core';

const LocaleContext = createContext<Locale>('en');

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** The current locale's half of a feature's bilingual dictionary. */
export function useMessages<M extends Messages>(dictionary: Bilingual<M>): M {
  return dictionary[useContext(LocaleContext)];
}

export function useFormatters(): Formatters {
  const locale = useContext(LocaleContext);
  return useMemo(() => createFormatters(locale), [locale]);
}
