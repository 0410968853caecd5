// The simulator's built-in debt positions (issue #3 §2): one of each case a counter meets, with real
// Luhn-valid EC fiscal codes, mod-93-valid notice numbers and mod-97-valid IBANs, plus a deterministic
// generator of fresh open positions for benches.
import { buildQrPayload } from '../../common/notice/build-payload';
import { italianIban, noticeNumber } from './codes';
import type { SimPosition } from './types';

const EC = {
  milano: { fiscalCode: '01199250158', companyName: 'Comune di Milano' },
  roma: { fiscalCode: '02438750586', companyName: 'Roma Capitale' },
  cittaMetroRoma: { fiscalCode: '80034390585', companyName: 'Città Metropolitana di Roma Capitale' },
  lazio: { fiscalCode: '80143490581', companyName: 'Regione Lazio' },
  torino: { fiscalCode: '00514490010', companyName: 'Comune di Torino' },
  napoli: { fiscalCode: '80011990639', companyName: 'Comune di Napoli' },
  aci: { fiscalCode: '00493410583', companyName: "Automobile Club d'Italia" },
  inps: { fiscalCode: '80078750587', companyName: 'INPS' },
  entrate: { fiscalCode: '06363391001', companyName: 'Agenzia delle Entrate' },
} as const;

/** A fictional, Luhn-valid EC whose unknown notices the simulator creates on the fly (benches, load tests). */
export const BENCH_EC_FISCAL_CODE = '99999999990';

const iban = (abi: string, account: string) => italianIban('X', abi, '03200', account.padStart(12, '0'));

export type DemoNotice = {
  readonly fiscalCode: string;
  readonly noticeNumber: string;
  /** Amount due now (what verify answers). */
  readonly amountCents: number;
  /** Amount printed on the notice and in the QR code. */
  readonly printedAmountCents: number;
  /** The QR code payload printed on the notice (pagopa-psp.md §1.1). */
  readonly qr: string;
  readonly companyName: string;
  readonly description: string;
  readonly ccPost?: string;
};

const CASES = {
  plain: { ...EC.milano, noticeNumber: noticeNumber('01', '2026000000001'), amountCents: 12_350, description: 'TARI 2026 - rata unica', status: 'open', dueDate: '2026-12-31' },
  second: { ...EC.aci, noticeNumber: noticeNumber('96', '2026000000002'), amountCents: 24_530, description: 'Tassa automobilistica 2026 - AB123CD', status: 'open' },
  multiTransfer: {
    ...EC.roma,
    noticeNumber: noticeNumber('02', '2026000000003'),
    amountCents: 31_000,
    description: 'Canone unico patrimoniale 2026',
    status: 'open',
    transfers: [
      {
        fiscalCode: EC.roma.fiscalCode,
        companyName: EC.roma.companyName,
        amountCents: 20_000,
        iban: iban('02008', '100000000001'),
        remittanceInformation: 'Canone unico - quota comunale',
        transferCategory: '9/0301109AP',
      },
      {
        fiscalCode: EC.cittaMetroRoma.fiscalCode,
        companyName: EC.cittaMetroRoma.companyName,
        amountCents: 7_500,
        iban: iban('03069', '100000000002'),
        remittanceInformation: 'Canone unico - quota metropolitana',
      },
      { fiscalCode: EC.lazio.fiscalCode, companyName: EC.lazio.companyName, amountCents: 3_500, iban: iban('05034', '100000000003'), remittanceInformation: 'Canone unico - quota regionale' },
    ],
  },
  alreadyPaid: { ...EC.torino, noticeNumber: noticeNumber('03', '2026000000004'), amountCents: 8_900, description: 'Mensa scolastica - settembre', status: 'paid' },
  expired: { ...EC.napoli, noticeNumber: noticeNumber('04', '2026000000005'), amountCents: 4_200, description: 'Sanzione codice della strada', status: 'expired', dueDate: '2025-01-31' },
  revoked: { ...EC.milano, noticeNumber: noticeNumber('05', '2026000000006'), amountCents: 15_000, description: 'Diritti di segreteria (annullato)', status: 'revoked' },
  amountChanged: {
    ...EC.entrate,
    noticeNumber: noticeNumber('06', '2026000000007'),
    amountCents: 5_430,
    printedAmountCents: 5_000,
    description: 'Avviso bonario - importo aggiornato con interessi',
    status: 'open',
  },
  ecUnreachable: { ...EC.inps, noticeNumber: noticeNumber('07', '2026000000008'), amountCents: 9_999, description: 'Contributi (ente irraggiungibile)', status: 'open', behaviour: 'ec-unreachable' },
  ecTimeout: { ...EC.lazio, noticeNumber: noticeNumber('08', '2026000000009'), amountCents: 7_777, description: 'Ticket sanitario (ente in timeout)', status: 'open', behaviour: 'ec-timeout' },
  poste: {
    ...EC.torino,
    noticeNumber: noticeNumber('09', '2026000000010'),
    amountCents: 6_050,
    description: 'Retta asilo nido - bollettino postale PA',
    status: 'open',
    ccPost: '001234567890',
    transfers: [{ fiscalCode: EC.torino.fiscalCode, companyName: EC.torino.companyName, amountCents: 6_050, iban: iban('07601', '001234567890'), remittanceInformation: 'Retta asilo nido' }],
  },
  // Issue #12 §5: answered in Stand-In (the EC's station is down; the node pays from ACA, one transfer to the primary EC).
  standin: {
    ...EC.milano,
    noticeNumber: noticeNumber('10', '2026000000011'),
    amountCents: 18_000,
    description: 'IMU 2026 - acconto (Stand-In)',
    status: 'open',
    standin: true,
    transfers: [
      { fiscalCode: EC.milano.fiscalCode, companyName: EC.milano.companyName, amountCents: 15_000, iban: iban('03069', '100000000011'), remittanceInformation: 'IMU acconto - quota comunale' },
      { fiscalCode: EC.lazio.fiscalCode, companyName: EC.lazio.companyName, amountCents: 3_000, iban: iban('05034', '100000000012'), remittanceInformation: 'IMU acconto - quota regionale' },
    ],
  },
  // Issue #12 §7, pagopa-extra.md §g: three options (single payment or two instalments): shown, never paid here.
  instalments: {
    ...EC.roma,
    noticeNumber: noticeNumber('11', '2026000000012'),
    amountCents: 60_000,
    description: 'Contributo di costruzione - unica soluzione o rate',
    status: 'open',
    paymentOptions: [
      { amountCents: 60_000, options: 'EQ', dueDate: '2026-12-31', paymentNote: 'Unica soluzione' },
      { amountCents: 30_000, options: 'EQ', dueDate: '2026-12-31', paymentNote: 'Rata 1 di 2' },
      { amountCents: 30_000, options: 'EQ', dueDate: '2027-06-30', paymentNote: 'Rata 2 di 2' },
    ],
  },
  // Issue #12 §7: the second transfer is a digital revenue stamp (richiestaMarcaDaBollo in activateV2).
  revenueStamp: {
    ...EC.napoli,
    noticeNumber: noticeNumber('12', '2026000000013'),
    amountCents: 2_100,
    description: 'Certificato anagrafico con marca da bollo',
    status: 'open',
    transfers: [
      { fiscalCode: EC.napoli.fiscalCode, companyName: EC.napoli.companyName, amountCents: 500, iban: iban('01030', '100000000013'), remittanceInformation: 'Diritti di segreteria' },
      {
        fiscalCode: EC.napoli.fiscalCode,
        companyName: EC.napoli.companyName,
        amountCents: 1_600,
        iban: iban('01030', '100000000014'),
        remittanceInformation: 'Imposta di bollo',
        richiestaMarcaDaBollo: { hashDocumento: 'wHpFSLCGZjIvNSXxqtGbxg7275t446DRTk5ZrsdUQ6E=', tipoBollo: '01', provinciaResidenza: 'NA' },
      },
    ],
  },
} satisfies Record<string, SimPosition>;

export type DemoCase = keyof typeof CASES;

/** The default seed: every case above, in a stable order. */
export const DEFAULT_SEED: SimPosition[] = Object.values(CASES).map((p) => structuredClone(p) as SimPosition);

/** The default seed's cases by name, with the QR payload printed on each notice. */
export const DEMO_NOTICES: Readonly<Record<DemoCase, DemoNotice>> = Object.fromEntries(
  Object.entries(CASES).map(([name, p]) => {
    const printed = 'printedAmountCents' in p ? p.printedAmountCents : p.amountCents;
    const notice: DemoNotice = {
      fiscalCode: p.fiscalCode,
      noticeNumber: p.noticeNumber,
      amountCents: p.amountCents,
      printedAmountCents: printed,
      // Amount padded to 10 digits like the io-app fixtures (pagopa-psp.md §1.1).
      qr: buildQrPayload({ noticeNumber: p.noticeNumber, fiscalCode: p.fiscalCode, amountCents: printed, amountDigits: 10 }),
      companyName: p.companyName,
      description: p.description,
      ...('ccPost' in p ? { ccPost: p.ccPost } : {}),
    };
    return [name, notice];
  }),
) as Record<DemoCase, DemoNotice>;

/** mulberry32: a tiny seeded PRNG so generated positions are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` fresh open positions of the bench EC, deterministic in `seed` (distinct seeds → distinct notices). */
export function generatePositions(n: number, seed = 1): SimPosition[] {
  const rnd = seededRandom(seed);
  const out: SimPosition[] = [];
  for (let i = 0; i < n; i++) {
    const base = String((seed % 100_000) * 10_000_000 + i)
      .padStart(13, '0')
      .slice(-13);
    out.push({
      fiscalCode: BENCH_EC_FISCAL_CODE,
      companyName: 'Ente di prova (simulatore)',
      noticeNumber: noticeNumber('47', base),
      amountCents: 100 + Math.floor(rnd() * 49_900),
      description: `Avviso di prova n. ${i + 1}`,
      status: 'open',
    });
  }
  return out;
}

/** The position auto-created for an unknown notice of an auto-create EC: amount derived from the digits. */
export function autoCreatedPosition(fiscalCode: string, notice: string): SimPosition {
  return {
    fiscalCode,
    noticeNumber: notice,
    amountCents: 100 + (Number(notice.slice(8, 16)) % 49_900),
    companyName: 'Ente di prova (simulatore)',
    description: `Avviso ${notice} (creato dal simulatore)`,
    status: 'open',
  };
}
