// Word-wrap for fixed-width text (receipt paper): lines break at spaces, a word longer than a line is split
// across lines (chunks), so a long name is never cut off. Used by the ESC/POS encoder and the receipt layout.
export function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  for (const para of s.split('\n')) {
    let cur = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      for (const piece of chunks(word, width)) {
        if (cur.length === 0) cur = piece;
        else if (cur.length + 1 + piece.length <= width) cur += ` ${piece}`;
        else {
          out.push(cur);
          cur = piece;
        }
      }
    }
    out.push(cur);
  }
  return out;
}

export function chunks(s: string, width: number): string[] {
  if (s.length <= width) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length; i += width) out.push(s.slice(i, i + width));
  return out;
}
