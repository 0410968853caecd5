// The card payment terminal as the payment engine sees it (issue #5 §4). Protocol-neutral:
// Protocollo 17 implements it today; nexo/ZVT adapters would too (pos-practice.md §7.2). Types only:
// the driver's error class is in errors.ts, its logger is the shared src/common/logger.ts Logger.
import type { DeviceHealth } from '../../src/common/device-health';

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

export type LrcMode = 'std' | 'stx' | 'noext' | 'stx_noext';

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
  health(): DeviceHealth;
  close(): Promise<void>;
}

export type TerminalErrorKind = 'disconnected' | 'timeout' | 'protocol' | 'busy' | 'nak-limit';

/** How the driver reaches the terminal ('virtual' is resolved to a real socket by the composition root). */
export type TerminalLinkConfig = { type: 'tcp'; host: string; port: number } | { type: 'serial'; path: string; baudRate?: number };

/** What createPaymentTerminal (create-terminal.ts) builds a Protocollo 17 driver from. */
export type TerminalDriverConfig = {
  link: TerminalLinkConfig;
  terminalId: string;
  cashRegisterId: string;
  lrcMode?: LrcMode;
  ackTimeoutMs?: number;
  responseTimeoutMs?: number;
  queryTimeoutMs?: number;
  recoveryDelaysMs?: readonly number[];
  abortWaitMs?: number;
};
