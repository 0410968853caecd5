// A camera sees the same code in many consecutive frames: report it once per `windowMs`.
export class ScanDebouncer {
  private last: { text: string; at: number } | null = null;

  constructor(private readonly windowMs = 2000) {}

  /** True when `text` should be reported at time `at` (ms); repeats within the window are dropped. */
  accept(text: string, at: number): boolean {
    // The window restarts on every sighting, so a code held in front of the camera fires once.
    if (this.last && this.last.text === text && at - this.last.at < this.windowMs) {
      this.last = { text, at };
      return false;
    }
    this.last = { text, at };
    return true;
  }

  reset(): void {
    this.last = null;
  }
}
