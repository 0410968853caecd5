// devices.terminal configuration → the production Protocollo 17 driver. 'virtual' points it at the
// lab's virtual terminal over a real TCP socket, so the code path is the one used with hardware.
import { createPaymentTerminal, type TerminalDriverConfig, type TerminalLinkConfig } from '../../../../drivers/card-terminal/create-terminal';
import type { PaymentTerminal } from '../../../../drivers/card-terminal/interface';
import type { Clock } from '../../../common/clock';
import type { DevicesConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { DeviceError } from './errors';

export type TerminalTimings = Partial<Pick<TerminalDriverConfig, 'ackTimeoutMs' | 'responseTimeoutMs' | 'queryTimeoutMs' | 'recoveryDelaysMs' | 'abortWaitMs'>>;

export function terminalLink(cfg: DevicesConfig['terminal'], virtualEndpoint: { host: string; port: number } | null): TerminalLinkConfig {
  const t = cfg.transport;
  switch (t.type) {
    case 'tcp':
      return { type: 'tcp', host: t.host, port: t.port };
    case 'serial':
      return { type: 'serial', path: t.path, baudRate: t.baudRate };
    case 'virtual':
      if (!virtualEndpoint) throw new DeviceError('unavailable', 'the virtual card terminal is not running');
      return { type: 'tcp', host: virtualEndpoint.host, port: virtualEndpoint.port };
    default:
      throw new DeviceError('invalid-config', `devices.terminal.transport: "${t.type}" is not a card terminal transport`);
  }
}

export function createConfiguredTerminal(
  cfg: DevicesConfig['terminal'],
  virtualEndpoint: { host: string; port: number } | null,
  logger: Logger,
  clock: Clock,
  timings: TerminalTimings = {},
): PaymentTerminal & { readonly description: string } {
  return createPaymentTerminal(
    {
      link: terminalLink(cfg, virtualEndpoint),
      terminalId: cfg.terminalId,
      cashRegisterId: cfg.cashRegisterId,
      lrcMode: cfg.lrcMode,
      ackTimeoutMs: cfg.ackTimeoutMs,
      responseTimeoutMs: cfg.responseTimeoutMs,
      ...timings,
    },
    logger.child('terminal'),
    clock,
  );
}
