// devices.terminal configuration → the card terminal driver's configuration. 'virtual' points it at the
// lab's virtual terminal over a real TCP socket, so the code path is the one used with hardware. The
// driver itself is built by the injected DriverBindings.createTerminal (src/main/app/devices).
import type { TerminalDriverConfig, TerminalLinkConfig } from '../../../../drivers/card-terminal/interface';
import type { DevicesConfig } from '../config/schema';
import type { VirtualEndpoints } from './device-ports';
import { DeviceError } from './errors';

export type TerminalTimings = Partial<Pick<TerminalDriverConfig, 'ackTimeoutMs' | 'responseTimeoutMs' | 'queryTimeoutMs' | 'recoveryDelaysMs' | 'abortWaitMs'>>;

export function terminalLink(cfg: DevicesConfig['terminal'], virtualEndpoint: VirtualEndpoints['terminal'] | null): TerminalLinkConfig {
  const t = cfg.transport;
  switch (t.type) {
    case 'tcp':
      return { type: 'tcp', host: t.host, port: t.port };
    case 'serial':
      return { type: 'serial', path: t.path, baudRate: t.baudRate };
    case 'virtual':
      if (!virtualEndpoint || !('host' in virtualEndpoint)) throw new DeviceError('unavailable', virtualEndpoint?.unavailable ?? 'the virtual card terminal is not running');
      return { type: 'tcp', host: virtualEndpoint.host, port: virtualEndpoint.port };
    default:
      throw new DeviceError('invalid-config', `devices.terminal.transport: "${t.type}" is not a card terminal transport`);
  }
}

export function terminalDriverConfig(cfg: DevicesConfig['terminal'], virtualEndpoint: VirtualEndpoints['terminal'] | null, timings: TerminalTimings = {}): TerminalDriverConfig {
  return {
    link: terminalLink(cfg, virtualEndpoint),
    terminalId: cfg.terminalId,
    cashRegisterId: cfg.cashRegisterId,
    lrcMode: cfg.lrcMode,
    ackTimeoutMs: cfg.ackTimeoutMs,
    responseTimeoutMs: cfg.responseTimeoutMs,
    ...timings,
  };
}
