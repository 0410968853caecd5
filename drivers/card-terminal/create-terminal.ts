// Builds the production Protocollo 17 driver from configuration. 'virtual' transports are
// resolved by the composition root (it starts the virtual lab and passes the real socket here).
import type { Clock } from '../../src/common/clock';
import type { Logger } from '../../src/common/logger';
import type { PaymentTerminal, TerminalDriverConfig, TerminalLinkConfig } from './interface';
import { Protocol17Terminal } from './protocol17/protocol17-terminal';
import { SerialTransport, TcpTransport, type TerminalTransport } from './protocol17/transport';

export type { TerminalDriverConfig, TerminalLinkConfig } from './interface';

export function createTransport(link: TerminalLinkConfig): TerminalTransport {
  return link.type === 'tcp' ? new TcpTransport(link.host, link.port) : new SerialTransport(link.path, link.baudRate ?? 9600);
}

export function createPaymentTerminal(config: TerminalDriverConfig, logger?: Logger, clock?: Clock): PaymentTerminal & { readonly description: string } {
  const { link, ...rest } = config;
  return new Protocol17Terminal({ ...rest, transport: createTransport(link), ...(logger ? { logger } : {}), ...(clock ? { clock } : {}) });
}
