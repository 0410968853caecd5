// The card payment terminal as the payment engine sees it (issue #5 §4). Protocol-neutral:
// Protocollo 17 implements it today; nexo/ZVT adapters would too (pos-practice.md §7.2).

export type TerminalProgress = { at: number; message: string /* e.g. 'INSERIRE CARTA', 'ATTENDERE AUTORIZZAZIONE' */ };

export type CardResult =
  | {
      kind: 'approved';
      amountCents: number;
      reference: string;
      authCode: string;
      stan: string;
      maskedPan: string;
      cardBrand?: string;
      terminalId: string;
      at: string;
    }
  | { kind: 'declined'; reference: string; code: string; message: string }
  | { kind: 'aborted'; reference: string }
  // Recovery via G failed: a person must check the terminal (pos-practice.md §3.4 rule 4).
  | { kind: 'unknown'; reference: string; reason: string };

export type TerminalState = 'ready' | 'busy' | 'offline' | 'error';

export type TerminalHealth = { connected: boolean; lastError: string | null; lastSeen: number | null };

export interface PaymentTerminal {
  /** `reference` is our payment id (1–16 letters/digits/-/_); it is printed on the terminal slip. */
  pay(amountCents: number, reference: string, onProgress?: (p: TerminalProgress) => void): Promise<CardResult>;
  /** true only when the terminal confirmed the abort (pos-practice.md §2 item 17, Odoo PR #77585). */
  abort(): Promise<boolean>;
  /** 'S' reversal; without a STAN the terminal reverses its last transaction. */
  reverse(stan?: string): Promise<CardResult>;
  status(): Promise<{ state: TerminalState; detail: string }>;
  /** 'G': the result the terminal saved for its last financial transaction. */
  lastResult(): Promise<CardResult | null>;
  /** 'T' */
  totals(): Promise<{ count: number; totalCents: number; raw: string }>;
  health(): TerminalHealth;
  close(): Promise<void>;
}

export type TerminalErrorKind = 'disconnected' | 'timeout' | 'protocol' | 'busy' | 'nak-limit';

export class TerminalError extends Error {
  override readonly name = 'TerminalError';
  constructor(
    readonly kind: TerminalErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Structural subset of the core Logger (drivers may not import src/main: ARCHITECTURE.md layers). */
export type TerminalLogger = {
  debug(msg: string, data?: unknown): void;
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
};

export const nullTerminalLogger: TerminalLogger = { debug() {}, info() {}, warn() {}, error() {} };
