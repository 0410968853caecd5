import { describe, expect, it } from 'vitest';
import type { Status } from '../../common/ipc/events';
import { outOfService } from './out-of-service';

const dev = (state: 'ok' | 'warning' | 'error' | 'disabled') => ({ name: 'x', state, code: null, detail: null });
function status(over: Partial<{ online: boolean; printer: 'ok' | 'warning' | 'error' | 'disabled'; terminal: 'ok' | 'error'; offlineCard: boolean }> = {}): Status {
  return {
    node: { online: over.online ?? true, checkedAt: null },
    queue: { pending: 0, failed: 0 },
    exceptions: { open: 0 },
    devices: { printer: dev(over.printer ?? 'ok'), terminal: dev(over.terminal ?? 'ok'), drawer: dev('disabled'), scanners: [], checkedAt: '2026-01-01T00:00:00Z' },
    offline: { allowed: !!over.offlineCard, methods: over.offlineCard ? ['card'] : [], maxAmountCents: 0, remainingTotalCents: 0 },
    shiftOpen: true,
  };
}

describe('kiosk out-of-service decision', () => {
  it('serves when node, printer and terminal are fine (a near-end paper warning still serves)', () => {
    expect(outOfService(status())).toEqual([]);
    expect(outOfService(status({ printer: 'warning' }))).toEqual([]);
  });
  it('refuses when the printer cannot print (paper out): no money without a receipt', () => {
    expect(outOfService(status({ printer: 'error' }))).toEqual(['printer']);
  });
  it('refuses when the node is offline unless the offline policy allows card at kiosks', () => {
    expect(outOfService(status({ online: false }))).toEqual(['node']);
    expect(outOfService(status({ online: false, offlineCard: true }))).toEqual([]);
  });
  it('lists every reason, and treats a missing status as out of service', () => {
    expect(outOfService(status({ online: false, printer: 'disabled', terminal: 'error' }))).toEqual(['node', 'printer', 'terminal']);
    expect(outOfService(null)).toEqual(['unknown']);
  });
});
