// Reconnect pacing for unplugged devices (printer, scanners, the device manager's probes): doubling
// delays from `baseMs` up to `maxMs`, back to `baseMs` after a success.
export class Backoff {
  private failures = 0;
  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  /** The delay the next failure will return (for logs), without counting a failure. */
  get nextMs(): number {
    return Math.min(this.maxMs, this.baseMs * 2 ** this.failures);
  }

  /** Delay before the next attempt after one more failure. */
  fail(): number {
    this.failures++;
    return Math.min(this.maxMs, this.baseMs * 2 ** (this.failures - 1));
  }

  succeed(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
