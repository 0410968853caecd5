// GS v 0 raster in bands (pos-practice.md §4 "Raster image"): `1D 76 30 m xL xH yL yH d…`, m = 0 (normal
// density), xL + xH×256 = width in BYTES (8 dots each, MSB = leftmost dot), yL + yH×256 = rows, then
// width-bytes × rows bytes of row-major data, 1 = black. Epson allows up to 2303 rows but clones choke past
// 255 (Odoo slices there) and have ~4 KB receive buffers (escpos-php #610), so one image is split into
// several commands, each small enough to fit.

/** Receive buffer of cheap clones (pos-practice.md §4, escpos-php #610). */
export const CLONE_BUFFER_BYTES = 4096;
const HEADER_BYTES = 8;

/** Rows per band so that one GS v 0 command (header + data) fits in `bufferBytes`, capped at 255. */
export function bandRowsFor(widthDots: number, bufferBytes = CLONE_BUFFER_BYTES): number {
  const widthBytes = Math.ceil(widthDots / 8);
  return Math.max(1, Math.min(255, Math.floor((bufferBytes - HEADER_BYTES) / widthBytes)));
}

/**
 * Packs a 1-byte-per-pixel bitmap (non-zero = black, row-major) into GS v 0 commands of at most `maxRows`
 * rows each. A width that is not a multiple of 8 is padded with white dots on the right.
 */
export function rasterBands(pixels: Uint8Array, width: number, height: number, maxRows: number): Uint8Array[] {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`bad raster size ${width}×${height}`);
  if (pixels.length < width * height) throw new RangeError(`raster needs ${width * height} pixels, got ${pixels.length}`);
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > 255) throw new RangeError(`maxRows must be 1..255, got ${maxRows}`);
  const widthBytes = Math.ceil(width / 8);
  if (widthBytes > 0xffff) throw new RangeError(`raster too wide: ${width}`);
  const bands: Uint8Array[] = [];
  for (let top = 0; top < height; top += maxRows) {
    const rows = Math.min(maxRows, height - top);
    const cmd = new Uint8Array(HEADER_BYTES + widthBytes * rows);
    cmd.set([0x1d, 0x76, 0x30, 0x00, widthBytes & 0xff, widthBytes >> 8, rows & 0xff, rows >> 8]);
    for (let r = 0; r < rows; r++) {
      const src = (top + r) * width;
      const dst = HEADER_BYTES + r * widthBytes;
      for (let x = 0; x < width; x++) if (pixels[src + x]) cmd[dst + (x >> 3)]! |= 0x80 >> (x & 7);
    }
    bands.push(cmd);
  }
  return bands;
}
