// ReceiptData → ESC/POS bytes. Content per pagopa-psp.md §5 "Attestazione di pagamento" (date/time, EC
// fiscal code and name, IUV, PSP name and fiscal code, paymentToken, total, description) plus notice
// number, fee, method, change, terminal and operator, and the pagoPA QR of the notice (§1.1 format).
// Italian first, a short English line where a tourist needs it. The bytes are written by the ESC/POS
// encoder that comes with the LayoutOptions (drivers/escpos-printer, supplied by the composition root).
import type { EscPosEncoder, LayoutOptions } from '../../../../drivers/escpos-printer/interface';
import { buildQrPayload, NoticeCodecError } from '../../../common/notice';
import type { PrintDocument, ReceiptData, ReceiptNotice, ReportData, TestPageData } from '../../../common/receipt';
import { wrap } from '../../../common/text-wrap';
import { formatEuro, formatRomeDateTime, groupNoticeNumber } from './format';

const COPY_MARK = '*** COPIA / DUPLICATO ***';

/**
 * The notice's pagoPA QR (pagopa-psp.md §1.1), built by the codec's buildQrPayload. null when the data
 * cannot make a valid code: the receipt then prints without a QR rather than with one no app can read.
 */
export function pagopaQrPayload(d: Pick<ReceiptData, 'noticeNumber' | 'ec' | 'amountCents'>): string | null {
  try {
    return buildQrPayload({ noticeNumber: d.noticeNumber, fiscalCode: d.ec.fiscalCode, amountCents: d.amountCents });
  } catch (err) {
    if (err instanceof NoticeCodecError) return null;
    throw err;
  }
}

export function layoutDocument(doc: PrintDocument, opts: LayoutOptions): Uint8Array {
  switch (doc.type) {
    case 'receipt':
      return layoutReceipt(doc.data, opts);
    case 'report':
      return layoutReport(doc.data, opts);
    case 'test-page':
      return layoutTestPage(doc.data, opts);
  }
}

/** Marks a document as a reprint (COPIA / DUPLICATO). */
export function asCopy(doc: PrintDocument): PrintDocument {
  if (doc.type === 'receipt') return { type: 'receipt', data: { ...doc.data, copy: true } };
  if (doc.type === 'report') return { type: 'report', data: { ...doc.data, copy: true } };
  return doc;
}

function header(e: EscPosEncoder, d: ReceiptData): void {
  e.align('center').bold().line(d.psp.name).bold(false);
  e.line(`C.F. ${d.psp.fiscalCode}`);
  if (d.location) e.paragraph(d.location);
  e.align('left').rule('=');
}

/** How the money was taken: method, cash tendered and change, the card's approval. */
function methodLines(e: EscPosEncoder, d: ReceiptData): void {
  e.pair('Metodo', d.method === 'cash' ? 'Contanti / Cash' : 'Carta / Card');
  if (d.method === 'cash' && d.tenderedCents !== undefined) e.pair('Ricevuto', formatEuro(d.tenderedCents));
  if (d.method === 'cash' && d.changeCents !== undefined) e.pair('Resto / Change', formatEuro(d.changeCents));
  if (d.card) {
    if (d.card.maskedPan) e.pair('Carta', d.card.maskedPan);
    e.pair('Cod. autorizzazione', d.card.authCode);
    e.pair('STAN', d.card.stan);
    // All zeros is Protocollo 17's "any terminal" address, not the terminal's id: print only a real one.
    if (knownPosId(d.card.terminalId)) e.pair('Terminale POS', d.card.terminalId);
  }
}

/** A card terminal id worth printing: reported, and not the all-zero placeholder. */
function knownPosId(id: string | undefined): id is string {
  return !!id && !/^0*$/.test(id.trim());
}

/** `label` then `text` word-wrapped, continuation lines indented under the text ("1. Città …"). */
function hanging(e: EscPosEncoder, label: string, text: string, columns: number): EscPosEncoder {
  const pad = label.length + 1;
  wrap(text, columns - pad).forEach((l, i) => e.line(`${i === 0 ? label : ''.padEnd(label.length)} ${l}`));
  return e;
}

/** `name` word-wrapped after `indent` spaces, `value` right-aligned on its last line (or on a line of its own). */
function wrappedPair(e: EscPosEncoder, name: string, value: string, columns: number, indent: number): void {
  const lines = wrap(name, columns - indent);
  const last = lines.pop() ?? '';
  for (const l of lines) e.line(' '.repeat(indent) + l);
  e.pair(' '.repeat(indent) + last, value);
}

/** Issue #12 §5, pagopa-extra.md §d: a payment pagoPA took in Stand-In (the creditor's station was down). */
function standinLine(e: EscPosEncoder): void {
  e.bold().line('PAGATO IN STAND-IN (pagoPA)').bold(false);
}

function copyBanner(e: EscPosEncoder): void {
  e.align('center').invert().bold().line(` ${COPY_MARK} `).bold(false).invert(false).align('left');
}

export function layoutReceipt(d: ReceiptData, opts: LayoutOptions): Uint8Array {
  const e = opts.createEncoder(opts).init().logo();
  const narrow = opts.columns < 40;
  header(e, d);
  if (d.copy) copyBanner(e);
  e.align('center');
  if (d.kind === 'provisional') {
    e.invert()
      .bold()
      .size(narrow ? 1 : 2, 2)
      .line(' RICEVUTA PROVVISORIA ')
      .size(1, 1)
      .bold(false)
      .invert(false);
    e.line('Provisional receipt');
  } else if (d.kind === 'void') {
    e.bold().size(2, 2).line('ANNULLAMENTO').size(1, 1).bold(false);
    e.line('Storno del pagamento / Payment void');
  } else {
    e.bold().line('ATTESTAZIONE DI PAGAMENTO').bold(false);
    e.line('pagoPA - Payment receipt');
  }
  e.align('left').rule();
  e.pair('Data e ora', formatRomeDateTime(d.issuedAt));
  if (d.notices) {
    layoutCartBody(e, d, d.notices, opts);
    return e.encode();
  }
  e.line('Ente creditore:')
    .bold()
    .paragraph(d.ec.companyName ?? '(denominazione non disponibile)', 1)
    .bold(false);
  e.pair('C.F. ente', d.ec.fiscalCode);
  e.pair('Codice avviso', groupNoticeNumber(d.noticeNumber));
  e.pair('IUV', d.creditorReferenceId);
  if (d.standin) standinLine(e);
  if (d.description) e.line('Causale:').paragraph(d.description, 1);
  if (d.service) {
    // Spontaneous payment (issue #13): the service and the data the citizen gave (e.g. the plate).
    e.line('Servizio:').paragraph(d.service.name, 1);
    for (const x of d.service.details) {
      if (x.label.length + x.value.length + 2 <= opts.columns) e.pair(x.label, x.value);
      else e.line(`${x.label}:`).paragraph(x.value, 1);
    }
  }
  if (d.transfers && d.transfers.length > 1) {
    e.line('Beneficiari:');
    // A long name wraps onto further lines (never cut), its amount on the last one.
    for (const t of d.transfers) wrappedPair(e, t.companyName ?? t.fiscalCode, formatEuro(t.amountCents), opts.columns, 1);
  }
  e.rule();
  const sign = d.kind === 'void' ? -1 : 1;
  e.pair('Importo', formatEuro(sign * d.amountCents));
  e.pair(d.feeSource === 'node' ? 'Commissione (pagoPA)' : 'Commissione', formatEuro(sign * d.feeCents));
  if (d.feeSource === 'node' && d.idBundle) e.pair(' Pacchetto', d.idBundle.slice(0, opts.columns - 12));
  e.bold()
    .size(narrow ? 1 : 2, 2)
    .pair(d.kind === 'void' ? 'STORNATO' : 'TOTALE', formatEuro(sign * d.totalCents), narrow ? opts.columns : opts.columns / 2)
    .size(1, 1)
    .bold(false);
  e.rule();
  methodLines(e, d);
  if (d.kind === 'void' && d.voidReason) e.line('Motivo annullamento:').paragraph(d.voidReason, 1);
  e.rule();
  e.line('ID pagamento (paymentToken):');
  e.bold()
    .paragraph(d.paymentToken ?? '- (non ancora assegnato)', 1)
    .bold(false);
  e.pair('Rif. locale', d.localReference);
  e.pair('Terminale', d.terminalId);
  e.pair('Operatore', d.operator ?? '-');
  if (d.payer) e.line('Pagatore / Payer:').paragraph(`${d.payer.fullName} - ${d.payer.id}`, 1);
  e.line('PSP:').paragraph(`${d.psp.name} - C.F. ${d.psp.fiscalCode}`, 1);
  e.rule();
  if (d.kind === 'provisional') {
    e.align('center').bold().paragraph('PAGAMENTO NON ANCORA REGISTRATO').bold(false);
    e.paragraph('Il pagamento sarà registrato su pagoPA appena il collegamento sarà ripristinato. Conservare questa ricevuta.');
    e.paragraph('The payment will be recorded on pagoPA as soon as the connection is restored. Keep this receipt.');
    e.align('left').rule();
  }
  const qr = d.kind === 'void' ? null : pagopaQrPayload(d);
  if (qr !== null)
    e.align('center')
      .qr(qr, narrow ? 4 : 6)
      .align('left');
  e.align('center');
  if (d.kind === 'void') e.paragraph("L'importo stornato è restituito con lo stesso metodo di pagamento.");
  else e.line('Grazie! / Thank you').line('Conservare la ricevuta / Keep this receipt');
  if (d.copy) copyBanner(e);
  e.align('left').cut();
  return e.encode();
}

/** A cart: one block per notice (creditor, IUV, token, amount), then the transaction's total and method. */
function layoutCartBody(e: EscPosEncoder, d: ReceiptData, notices: readonly ReceiptNotice[], opts: LayoutOptions): void {
  const narrow = opts.columns < 40;
  e.pair('Avvisi / Notices', String(notices.length));
  notices.forEach((n, i) => {
    e.rule();
    // The whole creditor name, wrapped under its number (a long one was cut at the paper's edge).
    hanging(e.bold(), `${i + 1}.`, n.ec.companyName ?? '(denominazione non disponibile)', opts.columns).bold(false);
    e.pair('C.F. ente', n.ec.fiscalCode);
    e.pair('Codice avviso', groupNoticeNumber(n.noticeNumber));
    e.pair('IUV', n.creditorReferenceId);
    if (n.standin) standinLine(e);
    if (n.description) e.paragraph(n.description, 1);
    e.pair('Importo', formatEuro(n.amountCents));
    e.pair('Commissione', formatEuro(n.feeCents));
    e.line('paymentToken:').paragraph(n.paymentToken ?? '- (non ancora assegnato)', 1);
    e.pair('Rif. locale', n.localReference);
  });
  e.rule('=');
  e.pair('Importo avvisi', formatEuro(d.amountCents));
  e.pair('Commissioni', formatEuro(d.feeCents));
  e.bold()
    .size(narrow ? 1 : 2, 2)
    .pair('TOTALE', formatEuro(d.totalCents), narrow ? opts.columns : opts.columns / 2)
    .size(1, 1)
    .bold(false);
  e.rule();
  methodLines(e, d);
  e.rule();
  e.pair('Rif. transazione', d.localReference);
  e.pair('Terminale', d.terminalId);
  e.pair('Operatore', d.operator ?? '-');
  // One payer for the whole cart (issue #12 §6: CartSales.setPayer records it on every notice).
  if (d.payer) e.line('Pagatore / Payer:').paragraph(`${d.payer.fullName} - ${d.payer.id}`, 1);
  e.line('PSP:').paragraph(`${d.psp.name} - C.F. ${d.psp.fiscalCode}`, 1);
  e.rule();
  if (d.kind === 'provisional') {
    e.align('center').bold().paragraph('PAGAMENTO NON ANCORA REGISTRATO').bold(false);
    e.paragraph('I pagamenti saranno registrati su pagoPA appena il collegamento sarà ripristinato. Conservare questa ricevuta.');
    e.paragraph('The payments will be recorded on pagoPA as soon as the connection is restored. Keep this receipt.');
    e.align('left').rule();
  }
  e.align('center').line('Grazie! / Thank you').line('Conservare la ricevuta / Keep this receipt');
  if (d.copy) copyBanner(e);
  e.align('left').cut();
}

export function layoutReport(r: ReportData, opts: LayoutOptions): Uint8Array {
  const e = opts.createEncoder(opts).init().logo();
  if (r.copy) copyBanner(e);
  e.align('center')
    .bold()
    .size(opts.columns < 40 ? 1 : 2, 2)
    .paragraph(r.title)
    .size(1, 1)
    .bold(false)
    .align('left');
  e.rule('=');
  if (r.issuedAt) e.pair('Data e ora', formatRomeDateTime(r.issuedAt));
  if (r.terminalId) e.pair('Terminale', r.terminalId);
  if (r.operator !== undefined) e.pair('Operatore', r.operator ?? '-');
  if (r.issuedAt || r.terminalId || r.operator !== undefined) e.rule();
  for (const [label, value] of r.lines) {
    if (label.startsWith('---')) e.rule();
    else e.pair(label, value);
  }
  e.rule('=');
  if (r.footer) e.align('center').paragraph(r.footer).align('left');
  if (r.copy) copyBanner(e);
  e.cut();
  return e.encode();
}

const TEST_TITLES = { full: 'PAGINA DI PROVA', codepage: 'PROVA CARATTERI', qr: 'PROVA QR E CODICE A BARRE' } as const;

/**
 * Diagnostic pages (pos-practice.md §4 item 4). 'full': every Italian accent and €, styles, QR, barcode, cut;
 * 'codepage' only the characters and 'qr' only the codes, so each of the technician's three buttons
 * prints what it names (issue #11 §8).
 */
export function layoutTestPage(t: TestPageData, opts: LayoutOptions): Uint8Array {
  const page = t.page ?? 'full';
  const e = opts.createEncoder(opts).init();
  e.align('center').bold().size(2, 2).line('TEST').size(1, 1).line(TEST_TITLES[page]).bold(false).align('left').rule('=');
  e.pair('Data e ora', formatRomeDateTime(t.issuedAt));
  e.pair('Terminale', t.terminalId);
  if (t.printerLabel) e.pair('Stampante', t.printerLabel);
  if (page !== 'qr') e.pair('Tabella caratteri', `${opts.codePage.toUpperCase()}${opts.codeTable === undefined ? '' : ` (ESC t ${opts.codeTable})`}`);
  if (page === 'full') e.pair('Colonne / punti', `${opts.columns} / ${opts.widthDots}`);
  if (page !== 'codepage') e.pair('QR', opts.qrMode === 'native' ? 'nativo (GS ( k)' : 'raster (GS v 0)');
  e.rule();
  if (page === 'qr') {
    testCodes(e, opts);
    e.cut();
    return e.encode();
  }
  e.line('Accenti minuscoli: à è é ì ò ù');
  e.line('Accenti maiuscoli: À È É Ì Ò Ù');
  e.line('Euro: € 1.234,56 €');
  e.line("Perché è già così? L'attività è più città.");
  if (page === 'codepage') {
    // Each accent and € as a pair, so a wrong table shows which character it maps wrongly.
    for (const c of ['à', 'è', 'é', 'ì', 'ò', 'ù', 'À', 'È', 'É', 'Ì', 'Ò', 'Ù', '€']) e.pair(`${c} ${c}${c}${c}`, `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
    e.bold().line('Grassetto àèéìòù €').bold(false);
    e.rule();
    e.align('center').line('Se leggi correttamente tutti i caratteri,').line('la tabella caratteri è configurata bene.').align('left');
    e.cut();
    return e.encode();
  }
  e.bold().line('Grassetto àèéìòù €').bold(false);
  e.underline().line('Sottolineato ÀÈÉÌÒÙ').underline(false);
  e.size(2, 2).line('Doppio €').size(1, 1);
  e.invert().line(' Inverso ').invert(false);
  e.align('center').line('centrato').align('right').line('a destra').align('left');
  e.line('1234567890'.repeat(Math.ceil(opts.columns / 10)).slice(0, opts.columns));
  e.rule();
  testCodes(e, opts);
  e.rule();
  e.align('center').line('Se leggi correttamente tutti i caratteri,').line('la stampante è configurata bene.').align('left');
  e.cut();
  return e.encode();
}

function testCodes(e: EscPosEncoder, opts: LayoutOptions): void {
  e.align('center').line('QR (pagoPA)');
  e.qr(buildQrPayload({ noticeNumber: '301000000000000001', fiscalCode: '00000000000', amountCents: 12_345 }), opts.columns < 40 ? 4 : 6);
  e.line('Code 128').barcode('SPORTELLO-TEST', 'code128', 60).align('left');
}
