import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSink } from './file-sink';
import { createLogger } from './logger';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-logsink-'));
  dirs.push(d);
  return d;
};

describe('file log sink', () => {
  it('rotates by size and keeps at most `keep` old files, so the logs stay bounded', () => {
    const dir = tmp();
    const file = path.join(dir, 'logs', 'sportello.log');
    const fsink = createFileSink(file, { maxBytes: 4096, keep: 2 });
    const log = createLogger('test', { sinks: [fsink.sink] });
    for (let i = 0; i < 2000; i++) log.info('payment settled', { i, pad: 'x'.repeat(50) });
    fsink.close();
    const names = fs.readdirSync(path.dirname(file)).sort();
    expect(names).toEqual(['sportello.log', 'sportello.log.1', 'sportello.log.2']);
    for (const n of names) expect(fs.statSync(path.join(dir, 'logs', n)).size).toBeLessThanOrEqual(4096);
    // Every file holds whole JSON lines; the newest record is in the current file, older ones rotated in order.
    const lines = (n: string) =>
      fs
        .readFileSync(path.join(dir, 'logs', n), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { data: { i: number } });
    const cur = lines('sportello.log');
    expect(cur.at(-1)!.data.i).toBe(1999);
    expect(lines('sportello.log.1').at(-1)!.data.i).toBe(cur[0]!.data.i - 1);
    expect(lines('sportello.log.2').at(-1)!.data.i).toBe(lines('sportello.log.1')[0]!.data.i - 1);
    expect(fsink.writeErrors()).toBe(0);
  });

  it('appends to an existing file across restarts and never throws into the caller', () => {
    const dir = tmp();
    const file = path.join(dir, 'sportello.log');
    const a = createFileSink(file, { maxBytes: 1 << 20 });
    createLogger('x', { sinks: [a.sink] }).info('first');
    a.close();
    const b = createFileSink(file, { maxBytes: 1 << 20 });
    const log = createLogger('x', { sinks: [b.sink] });
    log.info('second');
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    // The directory disappears under it: the record is lost and counted, the caller goes on.
    b.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(() => log.info('third')).not.toThrow();
    expect(b.writeErrors()).toBe(1);
  });
});
