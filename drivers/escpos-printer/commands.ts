// Hand-written ESC/POS commands the encoder library does not emit (pos-practice.md §4 table).
export const DLE_EOT = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);
/** DLE ENQ 2: recover from an error after clearing the receive and print buffers (no backlog reprint). */
export const DLE_ENQ_CLEAR = Uint8Array.of(0x10, 0x05, 0x02);
/** GS r 1: paper sensor status, answered only after preceding data is processed (completion barrier). */
export const GS_R_PAPER = Uint8Array.of(0x1d, 0x72, 0x01);
/** GS a n: Automatic Status Back (0 disables; 0x0F = drawer, online, error, paper). */
export const GS_A = (mask: number): Uint8Array => Uint8Array.of(0x1d, 0x61, mask & 0xff);
/** ESC p m t1 t2: drawer kick, pin 2 (m=0) or pin 5 (m=1), pulse t × 2 ms (Odoo: 1B 70 00 19 19). */
export const ESC_P = (pin: 2 | 5, onMs = 50, offMs = 50): Uint8Array => Uint8Array.of(0x1b, 0x70, pin === 2 ? 0 : 1, Math.min(255, onMs >> 1), Math.min(255, offMs >> 1));
