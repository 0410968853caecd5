// Barcode scanner drivers (issue #5 §1): serial/USB-CDC, HID-POS, and the virtual serial scanner.
export { createScanner, type CreateScannerDeps, type ScannerConfig } from './create-scanner';
export { HidScanner, HID_POS_USAGE_PAGE, nodeHidBackend, type HidBackend, type HidDeviceInfo, type HidDeviceLike, type HidScannerOptions } from './hid-scanner';
export { encodeHidPosReports, HidPosAssembler, HONEYWELL_HID_POS_LAYOUT, parseHidPosReport, type HidPosChunk, type HidPosLayout } from './hid-pos-report';
export { ScanFramer, type Frame, type FramerOptions } from './scan-framer';
export { ScannerError, type Scanner, type ScannerErrorKind, type ScannerState, type ScannerStatus } from './scanner';
export { SerialScanner, type SerialScannerOptions } from './serial-scanner';
export { VirtualSerialScanner, type VirtualSerialScannerOptions } from './virtual-scanner';
