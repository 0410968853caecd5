import { describe, expect, it } from 'vitest';
import { it as itMessages } from '../i18n/locales/it';
import { deviceDetailKey } from './device-detail';

describe('device detail (issue #11 §11)', () => {
  it('maps the details the drivers always word the same way to an Italian text', () => {
    for (const d of ['ready', 'open', 'closed', 'listening', 'not checked yet', 'keystrokes are read by the renderer (wedge detector)']) {
      const key = deviceDetailKey(d);
      expect(key, d).not.toBeNull();
      const leaf = (key as string).split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], itMessages);
      expect(typeof leaf, d).toBe('string');
    }
  });
  it('leaves a device’s own text (a terminal status, an OS error) as data', () => {
    expect(deviceDetailKey('terminal operative; software VIRTUAL-17 1.0')).toBeNull();
    expect(deviceDetailKey('connect ECONNREFUSED 127.0.0.1:9100')).toBeNull();
  });
});
