// Italian formatting for receipts: "1.234,56 €", dates in Europe/Rome, notice code in groups of 4
// (pagopa-psp.md §1.1: "Le cifre sono raggruppate a gruppi di 4 separate da uno spazio").

export function formatEuro(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(Math.trunc(cents));
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '-' : ''}${euros},${String(abs % 100).padStart(2, '0')} €`;
}

const ROME = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** "22/11/2026 10:00:00" in Italian local time; the raw text if it is not a date. */
export function formatRomeDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(ROME.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

export function groupNoticeNumber(n: string): string {
  return /^\d{18}$/.test(n) ? (n.match(/.{1,4}/g) ?? [n]).join(' ') : n;
}
