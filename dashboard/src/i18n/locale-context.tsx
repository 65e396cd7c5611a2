import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { label, type LABELS } from './labels.ts';
import { MESSAGES, type Locale, type MessageKey } from './messages.ts';

export interface LocaleTools {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey): string;
  label(group: keyof typeof LABELS, value: string | null | undefined): string;
  number(value: number): string;
  percent(ratio: number): string;
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
}

const LocaleContext = createContext<LocaleTools | null>(null);
const INTL: Record<Locale, string> = { zh: 'zh-CN', en: 'en-GB' };

/** Chinese first; the choice sets <html lang> so screen readers pronounce the page right. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>('zh');
  useEffect(() => {
    document.documentElement.lang = INTL[locale];
    document.title = MESSAGES.appTitle[locale];
  }, [locale]);
  const tools = useMemo<LocaleTools>(() => {
    const intl = INTL[locale];
    const numberFormat = new Intl.NumberFormat(intl);
    const percentFormat = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 1 });
    // China time: the hub's days are China days.
    const dateFormat = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });
    const dateTimeFormat = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    return {
      locale,
      setLocale,
      t: (key) => MESSAGES[key][locale],
      label: (group, value) => label(group, value, locale),
      number: (value) => numberFormat.format(value),
      percent: (ratio) => percentFormat.format(ratio),
      date: (value) => (value ? dateFormat.format(new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value)) : '—'),
      dateTime: (value) => (value ? dateTimeFormat.format(new Date(value)) : '—'),
    };
  }, [locale]);
  return <LocaleContext.Provider value={tools}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleTools {
  const tools = useContext(LocaleContext);
  if (!tools) throw new Error('useLocale outside LocaleProvider');
  return tools;
}
