// Scripted behaviours of the virtual card terminal (pos-practice.md §6 "a scripted ECR17 terminal
// simulator for timeouts, drops after a payment is sent, NAKs, and G replies").

export type VirtualOutcome =
  | 'approve'
  | 'decline'
  /** ACKs P, then never answers. `timeoutRecords` says whether the payment completed inside the terminal. */
  | 'timeout'
  /** Approves and saves the result, then drops the link before sending it (the ECR must use G). */
  | 'drop-after-approve'
  /** Drops the link right after ACKing P; nothing is charged, G returns the previous transaction. */
  | 'drop-before-processing'
  /**
   * Shows 'INSERIRE CARTA' until cancelByCardholder() or presentCard(), or until `cardWaitMs` passes: like a
   * real Protocollo 17 terminal, it then ends the transaction itself (OPERAZIONE ANNULLATA).
   */
  | 'wait-for-card';

export type VirtualScenario = {
  outcome: VirtualOutcome;
  /** Progress texts (20 chars each on the wire) sent before the result. */
  progress: string[];
  progressIntervalMs: number;
  /** NAK the first K application frames received after the scenario is set. */
  nakFirst: number;
  /** Send noise bytes before every frame (the ECR decoder must skip them). */
  garbage: boolean;
  timeoutRecords: 'approved' | 'nothing';
  declineMessage: string;
  declineActionCode: string;
  /** 's' status code (2 = operative). */
  statusCode: number;
  /** 'wait-for-card': how long the terminal waits for a card before ending the transaction itself. */
  cardWaitMs: number;
  /** The ECR's ACK of a payment result is lost on the line: the terminal sends that result once more. */
  lostResultAck: boolean;
};

export type ScenarioName =
  'approve' | 'decline' | 'slow' | 'timeout' | 'timeout-unprocessed' | 'drop-after-approve' | 'drop-before-processing' | 'wait-for-card' | 'nak' | 'garbage' | 'not-operative' | 'lost-ack';

export const SCENARIO_NAMES: readonly ScenarioName[] = [
  'approve',
  'decline',
  'slow',
  'timeout',
  'timeout-unprocessed',
  'drop-after-approve',
  'drop-before-processing',
  'wait-for-card',
  'nak',
  'garbage',
  'not-operative',
  'lost-ack',
];

const BASE: VirtualScenario = {
  outcome: 'approve',
  progress: ['INSERIRE CARTA', 'ATTENDERE AUTORIZZ.'],
  progressIntervalMs: 30,
  nakFirst: 0,
  garbage: false,
  timeoutRecords: 'approved',
  declineMessage: 'OPERAZIONE RIFIUTATA',
  declineActionCode: '116', // ISO 8583 action code 116: insufficient funds
  statusCode: 2,
  cardWaitMs: 60_000,
  lostResultAck: false,
};

/**
 * A named scenario; `slow` spreads its progress messages over `slowMs` (default 8 s); `wait-for-card` ends
 * by itself after `cardWaitMs` (default 60 s) without a card.
 */
export function scenario(name: ScenarioName, opts: { slowMs?: number; cardWaitMs?: number } = {}): VirtualScenario {
  switch (name) {
    case 'approve':
      return { ...BASE };
    case 'decline':
      return { ...BASE, outcome: 'decline' };
    case 'slow': {
      const progress = ['INSERIRE CARTA', 'LETTURA CARTA', 'DIGITARE PIN', 'PIN OK', 'ATTENDERE AUTORIZZ.'];
      return { ...BASE, progress, progressIntervalMs: Math.round((opts.slowMs ?? 8_000) / progress.length) };
    }
    case 'timeout':
      return { ...BASE, outcome: 'timeout', progress: ['INSERIRE CARTA'], timeoutRecords: 'approved' };
    case 'timeout-unprocessed':
      return { ...BASE, outcome: 'timeout', progress: ['INSERIRE CARTA'], timeoutRecords: 'nothing' };
    case 'drop-after-approve':
      return { ...BASE, outcome: 'drop-after-approve' };
    case 'drop-before-processing':
      return { ...BASE, outcome: 'drop-before-processing', progress: [] };
    case 'wait-for-card':
      return { ...BASE, outcome: 'wait-for-card', progress: ['INSERIRE CARTA'], cardWaitMs: opts.cardWaitMs ?? BASE.cardWaitMs };
    case 'nak':
      return { ...BASE, nakFirst: 1 };
    case 'garbage':
      return { ...BASE, garbage: true };
    case 'not-operative':
      return { ...BASE, statusCode: 3 };
    case 'lost-ack':
      return { ...BASE, lostResultAck: true };
  }
}

export function isScenarioName(s: string): s is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(s);
}
