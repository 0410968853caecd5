// Spawns the real CLI launcher (issue #2 §4): JSON on stdout and exit 0, or one stderr line and exit 2.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { luminanceToRgba, renderFrame } from '../../drivers/camera/synthetic-frames';

const BIN = path.resolve(__dirname, '../../bin/sportello');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, 'notice', ...args], { encoding: 'utf8', input, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sportello notice parse', () => {
  it('prints one JSON object for a QR payload', () => {
    const r = run(['parse', 'PAGOPA|002|300715700000000032|00085240950|0000001250']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      format: 'qr',
      noticeNumber: '300715700000000032',
      fiscalCode: '00085240950',
      amountCents: 1250,
      auxDigit: 3,
      iuv: '00715700000000032',
      checkDigitOk: true,
      warnings: [],
    });
  });

  it('parses typed entry with the printed grouping and reports the bad check digit as a warning', () => {
    const r = run(['parse', '--notice', '3020 1672 3749 6700 00', '--ec', '00743110157']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ format: 'manual', noticeNumber: '302016723749670000', amountCents: null, checkDigitOk: false });
    expect(j.warnings[0]).toContain('expected 54');
  });

  it('reads the payload from stdin with "-" (scanner CR/LF included) and repairs layout damage', () => {
    const r = run(['parse', '-'], 'PAGOPA§002§300715700000000032§00085240950§1250\r\n');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.amountCents).toBe(1250);
    expect(j.warnings[0]).toMatch(/Italian/);
  });

  it('decodes a photo of the notice with --image', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-cli-'));
    try {
      const png = new PNG({ width: 400, height: 300 });
      png.data = Buffer.from(luminanceToRgba(renderFrame({ width: 400, height: 300, code: { kind: 'qr', text: 'PAGOPA|002|000000000000000000|01199250158|0000015000', modulePx: 4 } })));
      const file = path.join(dir, 'notice.png');
      fs.writeFileSync(file, PNG.sync.write(png));
      const r = run(['parse', '--image', file]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ format: 'qr', fiscalCode: '01199250158', amountCents: 15000 });
      fs.writeFileSync(file, PNG.sync.write(Object.assign(new PNG({ width: 50, height: 50 }), { data: Buffer.alloc(50 * 50 * 4, 255) })));
      const none = run(['parse', '--image', file]);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/no QR code or Data Matrix found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['parse', '--image', '/nonexistent/x.png'], /cannot read the image \(unreadable\)/],
    [['parse', 'PAGOPA|002|000000000000000000|01199250158'], /wrong-field-count/],
    [['parse', 'PAGOPA|002|400000000000000000|01199250158|100'], /bad-aux-digit/],
    [['parse', '--notice', '123', '--ec', '00743110157'], /wrong-length/],
    [['parse', '--notice', '302016723749670000'], /missing --ec/],
    [['parse'], /missing payload/],
    [['frobnicate'], /unknown sub-command/],
    [['parse', '--bogus'], /Unknown option/],
  ])('%j fails with exit 2 and one stderr line', (args, msg) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });
});
