// Run-time fault injection (issue #3 §2): per operation, for the next N calls or a fraction of calls.
import type { SimFault } from './types';

type Armed = SimFault & { remaining?: number };

/** 'activatePaymentNotice' and 'sendPaymentOutcome' cover their V2 variants too; '*' matches every call. */
function matches(f: SimFault, op: string): boolean {
  return f.operation === '*' || f.operation === op || `${f.operation}V2` === op;
}

export class FaultBook {
  private faults: Armed[] = [];
  constructor(private readonly random: () => number) {}

  set(f: SimFault): void {
    this.faults.push({ ...f, ...(f.count !== undefined ? { remaining: f.count } : {}) });
  }

  clear(): void {
    this.faults = [];
  }

  list(): SimFault[] {
    return this.faults.map(({ remaining, ...f }) => ({ ...f, ...(remaining !== undefined ? { count: remaining } : {}) }));
  }

  /** The faults that fire for this call: every matching latency fault plus the first other matching fault. */
  draw(op: string): { latencyMs: number; fault?: SimFault } {
    let latencyMs = 0;
    let fault: SimFault | undefined;
    for (const f of this.faults) {
      if (!matches(f, op)) continue;
      if (f.kind !== 'latency' && fault) continue;
      if (f.probability !== undefined && !(this.random() < f.probability)) continue;
      if (f.remaining !== undefined) f.remaining--;
      if (f.kind === 'latency') latencyMs += f.latencyMs ?? 0;
      else fault = f;
    }
    this.faults = this.faults.filter((f) => f.remaining === undefined || f.remaining > 0);
    return { latencyMs, ...(fault ? { fault } : {}) };
  }
}
