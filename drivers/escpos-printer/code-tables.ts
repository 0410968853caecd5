// ESC t n → characters, Epson numbering (pos-practice.md §4: 0 PC437, 2 PC850, 16 WPC1252 (€ 0x80),
// 19 PC858 (€ 0xD5), 40 ISO-8859-15 (€ 0xA4)). Unknown tables decode as PC437, like a printer default.
import iconv from 'iconv-lite';

const TABLE_ENCODINGS: Record<number, string> = { 0: 'cp437', 2: 'cp850', 16: 'windows1252', 19: 'cp858', 40: 'iso-8859-15' };

const cache = new Map<number, string[]>();

function table(n: number): string[] {
  const enc = TABLE_ENCODINGS[n] ?? 'cp437';
  let t = cache.get(n);
  if (!t) {
    const all = Buffer.alloc(256);
    for (let i = 0; i < 256; i++) all[i] = i;
    t = Array.from(iconv.decode(all, enc));
    if (t.length !== 256) t = Array.from({ length: 256 }, (_, i) => (i < 128 ? String.fromCharCode(i) : '?'));
    cache.set(n, t);
  }
  return t;
}

/** The character a printer prints for byte `b` (≥ 0x20) under code table `n`. */
export function decodeCodeTable(n: number, b: number): string {
  return table(n)[b] ?? '?';
}
