// Public surface of the IPC contract: import from 'src/common/ipc' (main, preload, renderer).
export * from './result';
export * from './common';
export * from './session';
export * from './notice';
export * from './payment';
export * from './cart';
export * from './receipt';
export * from './queue';
export * from './shift';
export * from './devices';
export * from './system';
export * from './spontaneous';
export * from './events';
export * from './contract';
export * from './bridge';
export { createBrowserBridge, resolveBridgeToken, type BrowserWindowLike } from './browser-client';
