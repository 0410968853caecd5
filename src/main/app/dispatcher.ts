// The single entry point both shells call (ipcMain.handle and the HTTP bridge): checks the handler
// name against the contract, validates the argument with its zod schema, runs the handler and wraps
// the outcome in an IpcResult. Nothing thrown here ever crosses the boundary (style.md §9).
import { HANDLER_CONTRACT, isHandlerName, type HandlerImpl, type HandlerName } from '../../common/ipc/contract';
import { fail, ok, type IpcResult } from '../../common/ipc/result';
import type { Logger } from '../core/log/logger';
import { toIpcError } from './error-map';

export type Dispatch = (name: unknown, arg: unknown) => Promise<IpcResult<unknown>>;

export function createDispatcher(handlers: Partial<HandlerImpl>, log: Logger): Dispatch {
  return async (name, arg) => {
    if (!isHandlerName(name)) return fail('unknown-handler', `unknown handler ${JSON.stringify(String(name)).slice(0, 80)}`);
    const spec = HANDLER_CONTRACT[name];
    const parsed = spec.arg.safeParse(arg);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(argument)';
      return fail('invalid-argument', `${name}: ${where}: ${issue?.message ?? 'invalid'}`);
    }
    const fn = handlers[name] as ((a: unknown) => unknown) | undefined;
    if (!fn) return fail('not-implemented', `${name} is not available in this build`);
    try {
      const value = await fn(parsed.data);
      return ok(value);
    } catch (err) {
      const error = toIpcError(err);
      if (error.kind === 'internal') log.error('handler failed', { name, error: err instanceof Error ? err.stack : String(err) });
      else log.info('handler refused', { name, kind: error.kind, code: error.code });
      return { ok: false, error };
    }
  };
}

/** Names of the contract entries a handler map does not implement (reported by `app/info` and tests). */
export function missingHandlers(handlers: Partial<HandlerImpl>): HandlerName[] {
  return (Object.keys(HANDLER_CONTRACT) as HandlerName[]).filter((n) => typeof handlers[n] !== 'function');
}
