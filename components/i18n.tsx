import { createContext, useContext, type ReactNode } from 'react';
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

// One set per locale for the panel's life: building Intl formatters is slow, and each card's
// timeline mounted anew built its own.
const formattersByLocale = new Map<Locale, Formatters>();

export function useFormatters(): Formatters {
  const locale = useContext(LocaleContext);
  let formatters = formattersByLocale.get(locale);
  if (!formatters) {
    formatters = createFormatters(locale);
    formattersByLocale.set(locale, formatters);
  }
  return formatters;
}
