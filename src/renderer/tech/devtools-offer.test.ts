import { describe, expect, it } from 'vitest';
import { devToolsOffered } from './devtools-offer';

describe('DevTools button in the technician Info tab', () => {
  it('is offered under the Electron shell only, never on the browser bridge', () => {
    expect(devToolsOffered({ transport: 'electron' })).toBe(true);
    expect(devToolsOffered({ transport: 'browser' })).toBe(false);
  });
});
