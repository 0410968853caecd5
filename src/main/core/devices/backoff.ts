// Reconnect pacing for unplugged devices: doubling delays with a cap, reset on success.
export class Backoff {
  private failures = 0;
  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

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
