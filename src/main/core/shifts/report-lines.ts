// Printable X/Z report in Italian or English: the printer's generic report layout takes
// { title, lines: [label, value][], footer } (printer area, src/main/core/printing).
import { formatCentsEn, formatCentsIt } from '../../../common/money';
import type { CloseWarningCode, Report } from './report-types';

export type ReportLang = 'it' | 'en';

/** How many notices a printed X/Z lists one by one (issue #12 §4); the rest are counted in one line. */
export const MAX_PRINTED_NOTICES = 50;
export type ReportLayout = { title: string; lines: [string, string][]; footer: string };

const L = {
  it: {
    titleX: 'RAPPORTO X (PARZIALE)',
    titleZ: (n: number) => `CHIUSURA Z N. ${n}`,
    terminal: 'Terminale',
    shift: 'Turno',
    opened: 'Apertura',
    closed: 'Chiusura',
    generated: 'Stampato il',
    operator: 'Operatore',
    closedBy: 'Chiuso da',
    cash: 'Contanti',
    card: 'Carta',
    count: 'n.',
    fees: 'di cui commissioni',
    refunds: 'Rimborsi',
    total: 'Totale incassato',
    float: 'Fondo cassa',
    cashIn: 'Versamenti',
    cashOut: 'Prelievi',
    expected: 'Contanti attesi',
    counted: 'Contanti contati',
    difference: 'Differenza',
    offline: 'Offline da registrare',
    exceptions: 'Anomalie aperte',
    undelivered: 'Esiti non consegnati',
    voids: 'Annulli',
    reprints: 'Ristampe (copie)',
    journalHead: 'Registro eventi fino a',
    standin: 'Pagati in Stand-In',
    nodeFees: 'di cui commissioni pagoPA',
    notices: 'DETTAGLIO AVVISI (importo + commissione)',
    notice: 'Avviso',
    moreNotices: (n: number) => `(${n} avvisi precedenti: vedi il rapporto a video)`,
    ackd: 'AVVISI CONFERMATI ALLA CHIUSURA',
    footerX: 'Rapporto non fiscale - il turno resta aperto',
    footerZ: (h: string) => `Documento non modificabile - impronta ${h.slice(0, 16)}`,
  },
  en: {
    titleX: 'X REPORT (INTERIM)',
    titleZ: (n: number) => `Z CLOSING No. ${n}`,
    terminal: 'Terminal',
    shift: 'Shift',
    opened: 'Opened',
    closed: 'Closed',
    generated: 'Printed at',
    operator: 'Operator',
    closedBy: 'Closed by',
    cash: 'Cash',
    card: 'Card',
    count: 'no.',
    fees: 'of which fees',
    refunds: 'Refunds',
    total: 'Total collected',
    float: 'Cash float',
    cashIn: 'Cash in',
    cashOut: 'Cash out',
    expected: 'Cash expected',
    counted: 'Cash counted',
    difference: 'Difference',
    offline: 'Offline, to register',
    exceptions: 'Open exceptions',
    undelivered: 'Undelivered outcomes',
    voids: 'Voids',
    reprints: 'Reprints (copies)',
    journalHead: 'Journal up to',
    standin: 'Paid in Stand-In',
    nodeFees: 'of which pagoPA fees',
    notices: 'NOTICES (amount + fee)',
    notice: 'Notice',
    moreNotices: (n: number) => `(${n} earlier notices: see the report on screen)`,
    ackd: 'WARNINGS ACKNOWLEDGED AT CLOSE',
    footerX: 'Non-fiscal report - the shift stays open',
    footerZ: (h: string) => `Immutable document - fingerprint ${h.slice(0, 16)}`,
  },
} as const;

const WARN: Record<ReportLang, Record<CloseWarningCode, (r: Report) => string>> = {
  it: {
    'undelivered-outcomes': (r) => `${r.undeliveredOutcomes} esiti di pagamento non ancora consegnati a pagoPA`,
    'exceptions-open': (r) => `${r.exceptionsOpen} anomalie da risolvere`,
    'offline-pending': (r) => `${r.offlinePending.count} pagamenti offline (${formatCentsIt(r.offlinePending.totalCents)}) non ancora registrati su pagoPA`,
  },
  en: {
    'undelivered-outcomes': (r) => `${r.undeliveredOutcomes} payment outcome(s) not yet delivered to pagoPA`,
    'exceptions-open': (r) => `${r.exceptionsOpen} exception(s) still open`,
    'offline-pending': (r) => `${r.offlinePending.count} offline payment(s) (${formatCentsEn(r.offlinePending.totalCents)}) not yet registered with pagoPA`,
  },
};

export function closeWarningMessage(code: CloseWarningCode, report: Report, lang: ReportLang): string {
  return WARN[lang][code](report);
}

const localTime = (isoTime: string, lang: ReportLang): string =>
  new Date(isoTime).toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' });

export function reportLines(report: Report, lang: ReportLang): [string, string][] {
  const t = L[lang];
  const money = lang === 'it' ? formatCentsIt : formatCentsEn;
  const lines: [string, string][] = [
    [t.terminal, report.terminalId],
    [t.shift, String(report.shiftId)],
    [t.operator, report.operator],
    [t.opened, localTime(report.openedAt, lang)],
  ];
  if (report.closedAt) lines.push([t.closed, localTime(report.closedAt, lang)]);
  if (report.closedBy) lines.push([t.closedBy, report.closedBy]);
  if (report.kind === 'X') lines.push([t.generated, localTime(report.generatedAt, lang)]);
  for (const m of ['cash', 'card'] as const) {
    const b = report.byMethod[m];
    lines.push([`${t[m]} (${t.count} ${b.count})`, money(b.totalCents)]);
    lines.push([`  ${t.fees}`, money(b.feeCents)]);
  }
  lines.push([`${t.total} (${t.count} ${report.totals.count})`, money(report.totals.totalCents)]);
  // Issue #12 §4: fees pagoPA set (GEC bundles), apart from the terminal's table.
  if (report.nodeFees && report.nodeFees.count > 0) lines.push([`  ${t.nodeFees} (${t.count} ${report.nodeFees.count})`, money(report.nodeFees.feeCents)]);
  // Issue #12 §5: payments pagoPA took in Stand-In (settled with outcome code 4).
  if (report.standin) lines.push([`${t.standin} (${t.count} ${report.standin.count})`, money(report.standin.totalCents)]);
  for (const m of ['cash', 'card'] as const) {
    const r = report.refunds[m];
    if (r.count > 0) lines.push([`${t.refunds} ${t[m].toLowerCase()} (${t.count} ${r.count})`, money(-r.totalCents)]);
  }
  lines.push([t.float, money(report.floatCents)], [t.cashIn, money(report.cashInCents)], [t.cashOut, money(report.cashOutCents)], [t.expected, money(report.cashExpectedCents)]);
  if (report.cashCountedCents !== undefined) lines.push([t.counted, money(report.cashCountedCents)]);
  if (report.differenceCents !== undefined) lines.push([t.difference, money(report.differenceCents)]);
  lines.push(
    [t.offline, `${report.offlinePending.count} / ${money(report.offlinePending.totalCents)}`],
    [t.exceptions, String(report.exceptionsOpen)],
    [t.undelivered, String(report.undeliveredOutcomes)],
  );
  if (report.voidCount !== undefined) lines.push([t.voids, String(report.voidCount)]);
  if (report.reprintCount !== undefined) lines.push([t.reprints, String(report.reprintCount)]);
  // Issue #12 §4: the fee of every notice ([SI] = Stand-In, [P] = pagoPA's fee).
  if (report.notices && report.notices.length > 0) {
    lines.push(['---', ''], [t.notices, '']);
    // Paper is finite: the newest MAX_PRINTED_NOTICES on the roll; the JSON (report x|z, the screen) has them all.
    const shown = report.notices.slice(-MAX_PRINTED_NOTICES);
    if (shown.length < report.notices.length) lines.push([t.moreNotices(report.notices.length - shown.length), '']);
    for (const n of shown) {
      const marks = `${n.standin ? ' [SI]' : ''}${n.feeSource === 'node' ? ' [P]' : ''}`;
      lines.push([`${t.notice} ..${n.noticeNumber.slice(-8)}${marks}`, `${money(n.amountCents)} + ${money(n.feeCents)}`]);
    }
    lines.push(['---', '']);
  }
  if (report.journalHead) lines.push([t.journalHead, `n. ${report.journalHead.seq} ${report.journalHead.hash.slice(0, 16)}`]);
  for (const w of report.warnings) lines.push(['!', closeWarningMessage(w, report, lang)]);
  if (report.warningsAcknowledged) lines.push(['!', t.ackd]);
  return lines;
}

/** The printer's generic report layout. */
export function reportLayout(report: Report & { contentHash?: string }, lang: ReportLang): ReportLayout {
  const t = L[lang];
  const title = report.kind === 'Z' && report.number !== undefined ? t.titleZ(report.number) : t.titleX;
  const footer = report.kind === 'Z' && report.contentHash ? t.footerZ(report.contentHash) : t.footerX;
  return { title, lines: reportLines(report, lang), footer };
}
