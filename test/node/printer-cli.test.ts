// `sportello receipt sample|render`, spawned as a real process.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/sportello');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-receipt-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('sportello receipt', () => {
  it('sample → render produces a PNG of the roll at the requested width', () => {
    const bin = path.join(dir, 'r.bin');
    const png = path.join(dir, 'r.png');
    const s = JSON.parse(execFileSync(process.execPath, [BIN, 'receipt', 'sample', '--out', bin, '--paper', '58', '--kind', 'provisional'], { encoding: 'utf8' }));
    expect(s).toMatchObject({ kind: 'provisional', widthDots: 384 });
    expect(fs.statSync(bin).size).toBe(s.bytes);
    const r = run(['receipt', 'render', '--input', bin, '--out', png, '--width', '384']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ widthDots: 384, qr: 1, cuts: 1, unknown: 0 });
    const img = PNG.sync.read(fs.readFileSync(png));
    expect(img.width).toBe(384 + 2 * 40); // 58 mm paper: 384 printable dots + margins
    expect(img.height).toBeGreaterThan(1000);
    let dark = 0;
    for (let i = 0; i < img.data.length; i += 4) if (img.data[i]! < 64) dark++;
    expect(dark).toBeGreaterThan(10_000);
  });

  it('defaults to 576 dots and rejects bad input with exit 2 and one line', () => {
    const bin = path.join(dir, 't.bin');
    expect(run(['receipt', 'sample', '--out', bin, '--kind', 'test-page']).status).toBe(0);
    const ok = run(['receipt', 'render', '--input', bin, '--out', path.join(dir, 't.png')]);
    expect(JSON.parse(ok.stdout).widthDots).toBe(576);
    const missing = run(['receipt', 'render', '--input', path.join(dir, 'nope.bin'), '--out', path.join(dir, 'x.png')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(run(['receipt', 'render', '--input', bin, '--out', path.join(dir, 'x.png'), '--width', '500']).status).toBe(2);
    expect(run(['receipt', 'frobnicate']).status).toBe(2);
  });
});
