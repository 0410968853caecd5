// What the serial and HID-POS scanner drivers share: open/close, health, status events, and the
// reconnect loop after a failed open or an unplug (exponential backoff, pos-practice.md §5).
import { EventEmitter } from 'node:events';
import { Backoff } from '../../src/common/backoff';
import { systemClock, type Clock } from '../../src/common/clock';
import type { DeviceHealth } from '../../src/common/device-health';
import { nullLogger, type Logger } from '../../src/common/logger';
import type { Scanner, ScannerState, ScannerStatus } from './interface';

export type ReconnectOptions = {
  name: string;
  /** Reconnect backoff: first wait and cap (cap default 5 s). */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  clock?: Clock;
  logger?: Logger;
};

export abstract class ReconnectingScanner extends EventEmitter implements Scanner {
  readonly name: string;
  protected lastError: string | null = null;
  protected lastSeen: number | null = null;
  protected stopped = true;
  protected readonly clock: Clock;
  protected readonly log: Logger;
  private state: ScannerState = 'closed';
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;

  constructor(
    private readonly reconnect: ReconnectOptions,
    defaultInitialMs: number,
  ) {
    super();
    this.name = reconnect.name;
    this.clock = reconnect.clock ?? systemClock;
    this.log = reconnect.logger ?? nullLogger;
    this.backoff = new Backoff(reconnect.reconnectInitialMs ?? defaultInitialMs, reconnect.reconnectMaxMs ?? 5000);
  }

  health(): DeviceHealth {
    return { connected: this.state === 'connected', lastError: this.lastError, lastSeen: this.lastSeen };
  }

  /** Resolves once the device is open, or after the first failed attempt (retries continue in the background). */
  async open(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.attempt();
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.release();
    this.setState('closed', null);
  }

  /** One try to open the device; ends in markConnected() or retryLater(). */
  protected abstract attempt(): Promise<void>;
  /** Drops the current device handle, if any. */
  protected abstract release(): Promise<void> | void;

  /** The wait before the next reconnect attempt. */
  protected get nextRetryMs(): number {
    return this.backoff.nextMs;
  }

  protected markConnected(): void {
    this.backoff.succeed();
    this.setState('connected', null);
  }

  /** Reports the device lost and schedules the next attempt, doubling the wait up to the cap. */
  protected retryLater(reason: string): void {
    this.lastError = reason;
    this.setState('disconnected', reason);
    const delay = this.backoff.fail();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.attempt();
    }, delay);
  }

  protected setState(state: ScannerState, error: string | null): void {
    if (this.state === state && state !== 'disconnected') return;
    this.state = state;
    const s: ScannerStatus = { name: this.name, state, error, at: this.clock.now() };
    this.emit('status', s);
  }
}
