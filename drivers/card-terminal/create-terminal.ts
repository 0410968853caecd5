// Builds the production Protocollo 17 driver from configuration. 'virtual' transports are
// resolved by the device manager (it starts the virtual lab and passes the real socket here).
import type { Clock } from '../../src/common/clock';
import type { PaymentTerminal, TerminalLogger } from './interface';
import type { LrcMode } from './protocol17/lrc';
import { Protocol17Terminal } from './protocol17/protocol17-terminal';
import { SerialTransport, TcpTransport, type TerminalTransport } from './protocol17/transport';

export type TerminalLinkConfig = { type: 'tcp'; host: string; port: number } | { type: 'serial'; path: string; baudRate?: number };

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

export function createTransport(link: TerminalLinkConfig): TerminalTransport {
  return link.type === 'tcp' ? new TcpTransport(link.host, link.port) : new SerialTransport(link.path, link.baudRate ?? 9600);
}

export function createPaymentTerminal(config: TerminalDriverConfig, logger?: TerminalLogger, clock?: Clock): PaymentTerminal & { readonly description: string } {
  const { link, ...rest } = config;
  return new Protocol17Terminal({ ...rest, transport: createTransport(link), ...(logger ? { logger } : {}), ...(clock ? { clock } : {}) });
}
