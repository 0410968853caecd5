// Dates and times as the terminal shows them (issue 11 §10): in the terminal's time zone (Europe/Rome, the
// same as the receipt, src/main/core/receipt/format.ts) and in the UI language, never in the browser's own
// locale or zone. Italian: "27/11/2026, 07:46:13"; English: "27/11/2026, 07:46:13" (en-GB, 24-hour).
export const TERMINAL_TIME_ZONE = 'Europe/Rome';

const LOCALES: Record<string, string> = { it: 'it-IT', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, kind: 'date-time' | 'time' | 'date'): Intl.DateTimeFormat {
  const locale = LOCALES[language] ?? LOCALES.it!;
  const key = `${locale}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    const date = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
    const time = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;
    f = new Intl.DateTimeFormat(locale, { timeZone: TERMINAL_TIME_ZONE, ...(kind !== 'time' ? date : {}), ...(kind !== 'date' ? time : {}) });
    cache.set(key, f);
  }
  return f;
}

function toDate(t: string | number | Date): Date | null {
  const d = t instanceof Date ? t : new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Date and time in the terminal's zone, e.g. "27/11/2026, 07:46:13". */
export function formatDateTime(t: string | number | Date, language: string): string {
  const d = toDate(t);
  return d ? formatter(language, 'date-time').format(d) : String(t);
}

/** Time of day in the terminal's zone, 24-hour, e.g. "07:46:13". */
export function formatTime(t: string | number | Date, language: string): string {
  const d = toDate(t);
  return d ? formatter(language, 'time').format(d) : String(t);
}

/** Calendar date in the terminal's zone, e.g. "27/11/2026". */
export function formatDay(t: string | number | Date, language: string): string {
  const d = toDate(t);
  return d ? formatter(language, 'date').format(d) : String(t);
}
