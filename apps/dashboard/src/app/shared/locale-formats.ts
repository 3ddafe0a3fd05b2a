/** Number and clock formats for one locale, built once and shared by every page. */
export interface LocaleFormats {
  readonly count: Intl.NumberFormat;
  readonly rate: Intl.NumberFormat;
  readonly percent: Intl.NumberFormat;
  /** A local clock time, `14:05:09`. */
  readonly time: Intl.DateTimeFormat;
  /** A local date and time, `24 Nov 2026, 14:05`. */
  readonly dateTime: Intl.DateTimeFormat;
}

const formatsByLocale = new Map<string, LocaleFormats>();

export function localeFormats(locale: string): LocaleFormats {
  let formats = formatsByLocale.get(locale);
  if (formats === undefined) {
    formats = {
      count: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      rate: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
      percent: new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      time: new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }),
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    };
    formatsByLocale.set(locale, formats);
  }
  return formats;
}
