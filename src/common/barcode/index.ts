// Frame decoding for the camera (renderer worker) and still images (Node). Pure: no Node, no DOM imports.
export { decodeLuminance, rgbaToLuminance, rotateLuminance, stretchContrast, type DecodeFrameOptions, type FrameDecodeResult, type FrameFormat } from './decode-frame';
export { ScanDebouncer } from './scan-debouncer';
