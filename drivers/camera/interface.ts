// The camera / still-image notice reader (issue #5 §2). Types only: still-image.ts implements it and
// holds CameraError; live frames are decoded in the renderer (src/common/barcode, zxing).
import type { DecodeFrameOptions, FrameDecodeResult } from '../../src/common/barcode';

export type CameraErrorKind = 'unreadable' | 'unsupported-format' | 'corrupt-image';

/** A picture as luminance (one byte per pixel, row-major). */
export type DecodedImage = { lum: Uint8ClampedArray; width: number; height: number };

/** Decodes a pagoPA notice code from a PNG/JPEG file; null when no code is found. */
export type StillImageDecoder = (path: string, options?: DecodeFrameOptions) => Promise<FrameDecodeResult | null>;
