// Shared serial plumbing for the drivers (ARCHITECTURE.md layers: any drivers/<device>/ may import it).
export { hangupAwareBinding, type SerialBinding } from './hangup-aware-binding';
export { createSerialStream, type SerialStreamOptions } from './create-serial-stream';
