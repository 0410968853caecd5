import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { formatDateTime, formatDay, formatTime } from '../../src/common/terminal-time';

describe('terminal time (issue 11 §10)', () => {
  it('shows Rome time, 24-hour, day first, whatever the machine zone', () => {
    // 03:42:52 UTC on 27 Nov 2026 is 04:42:52 in Rome (CET, UTC+1).
    expect(formatDateTime('2026-11-27T03:42:52Z', 'it')).toBe('27/11/2026, 04:42:52');
    expect(formatDateTime('2026-11-27T03:42:52Z', 'en')).toBe('27/11/2026, 04:42:52');
    expect(formatTime('2026-11-27T15:42:52Z', 'it')).toBe('16:42:52');
    // Summer time: UTC+2.
    expect(formatTime('2026-07-01T10:00:00Z', 'en')).toBe('12:00:00');
    expect(formatDay('2026-11-26T23:30:00Z', 'it')).toBe('27/11/2026');
  });

  it('no screen formats a date with the browser locale or zone (toLocale*String)', () => {
    const root = path.resolve(import.meta.dirname, '..', '..', 'src', 'renderer');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts')) {
          const text = fs.readFileSync(p, 'utf8');
          if (/\.toLocale(Date|Time)?String\(/.test(text)) offenders.push(path.relative(root, p));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
