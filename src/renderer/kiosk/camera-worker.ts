// Camera frame decoding off the UI thread (issue #5 §2): RGBA frame → luminance → zxing (QR + DM).
import { decodeLuminance, rgbaToLuminance } from '../../common/barcode/decode-frame';

export type CameraFrame = { width: number; height: number; rgba: Uint8ClampedArray };
export type CameraResult = { text: string | null };

type WorkerScope = { onmessage: ((e: MessageEvent<CameraFrame>) => void) | null; postMessage(m: CameraResult): void };
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const { width, height, rgba } = e.data;
  let text: string | null;
  try {
    text = decodeLuminance(rgbaToLuminance(rgba, width, height), width, height)?.text ?? null;
  } catch {
    text = null; // an undecodable frame is the common case, never an error
  }
  scope.postMessage({ text });
};
