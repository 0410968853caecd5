// Minimal server side of RFC 6455 (WebSocket), enough for a one-way event push to the browser:
// handshake (§4.2.2), unmasked text frames out (§5.2), masked frames in with close/ping handling
// (§5.5). No extensions, no fragmentation of our own messages. Avoids a dependency for ~100 lines.
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'; // RFC 6455 §1.3

export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

export function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  let header: Buffer;
  if (len < 126) {
    header = Buffer.from([0x80 | opcode, len]);
  } else if (len < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([header, payload]);
}

type Frame = { opcode: number; payload: Buffer; size: number };

/** Parses one client frame from the start of `buf`; null if incomplete. Client frames must be masked (§5.3). */
export function decodeFrame(buf: Buffer): Frame | null | 'protocol-error' {
  if (buf.length < 2) return null;
  const opcode = buf[0]! & 0x0f;
  const masked = (buf[1]! & 0x80) !== 0;
  let len = buf[1]! & 0x7f;
  let off = 2;
  if (!masked) return 'protocol-error';
  if (len === 126) {
    if (buf.length < 4) return null;
    len = buf.readUInt16BE(2);
    off = 4;
  } else if (len === 127) {
    if (buf.length < 10) return null;
    const big = buf.readBigUInt64BE(2);
    if (big > 1_000_000n) return 'protocol-error'; // the client never sends large messages
    len = Number(big);
    off = 10;
  }
  if (buf.length < off + 4 + len) return null;
  const mask = buf.subarray(off, off + 4);
  const payload = Buffer.alloc(len);
  for (let i = 0; i < len; i++) payload[i] = buf[off + 4 + i]! ^ mask[i % 4]!;
  return { opcode, payload, size: off + 4 + len };
}

export class WsConnection {
  private buffer = Buffer.alloc(0);
  private closed = false;
  onClose: (() => void) | null = null;

  constructor(private readonly socket: Duplex) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.finish());
    socket.on('error', () => this.finish());
  }

  sendText(text: string): void {
    if (!this.closed) this.socket.write(encodeFrame(0x1, Buffer.from(text, 'utf8')));
  }

  close(code = 1001): void {
    if (this.closed) return;
    const body = Buffer.alloc(2);
    body.writeUInt16BE(code, 0);
    this.socket.write(encodeFrame(0x8, body));
    this.socket.end();
    this.finish();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const frame = decodeFrame(this.buffer);
      if (frame === null) return;
      if (frame === 'protocol-error') {
        this.close(1002);
        return;
      }
      this.buffer = this.buffer.subarray(frame.size);
      if (frame.opcode === 0x8) this.close(1000);
      else if (frame.opcode === 0x9) this.socket.write(encodeFrame(0xa, frame.payload));
      // text/binary/pong from the client carry nothing we need: the channel is push-only.
    }
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.onClose?.();
  }
}
