// The one IPC contract (style.md §7): every intent-level call, by '<domain>/<verb>', with the zod
// schema of its argument and of its value. Main validates arguments with these before any handler
// runs; the renderer gets its types from here. Add entries; never rename one.
import type { z } from 'zod';
import { sessionContract } from './session';
import { noticeContract } from './notice';
import { paymentContract } from './payment';
import { cartContract } from './cart';
import { receiptContract } from './receipt';
import { queueContract } from './queue';
import { shiftContract } from './shift';
import { devicesContract } from './devices';
import { systemContract } from './system';
import { spontaneousContract } from './spontaneous';
import type { IpcResult } from './result';

export const HANDLER_CONTRACT = {
  ...sessionContract,
  ...noticeContract,
  ...paymentContract,
  ...cartContract,
  ...receiptContract,
  ...queueContract,
  ...shiftContract,
  ...devicesContract,
  ...systemContract,
  ...spontaneousContract,
} as const;

type Contract = typeof HANDLER_CONTRACT;
export type HandlerName = keyof Contract;
export const HANDLER_NAMES = Object.keys(HANDLER_CONTRACT) as HandlerName[];

/** What the renderer passes (schema input: optional fields may be omitted). */
export type Args<K extends HandlerName> = z.input<Contract[K]['arg']>;
/** What a handler receives after validation (schema output). */
export type ParsedArgs<K extends HandlerName> = z.output<Contract[K]['arg']>;
export type Value<K extends HandlerName> = z.output<Contract[K]['value']>;
export type Result<K extends HandlerName> = IpcResult<Value<K>>;

/** The renderer-facing map: one async function per intent. */
export type Handlers = { [K in HandlerName]: (arg: Args<K>) => Promise<Value<K>> };

/** The main-side implementation map: receives validated arguments; may return synchronously. */
export type HandlerImpl = { [K in HandlerName]: (arg: ParsedArgs<K>) => Promise<Value<K>> | Value<K> };

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(HANDLER_CONTRACT, name);
}
