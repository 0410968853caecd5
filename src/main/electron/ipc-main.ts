// The single invoke channel (style.md §9): sender frame checked, name and payload validated by the
// shared dispatcher (zod schemas from src/common/ipc), result always { ok, … } — never a throw.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../common/ipc/bridge';
import { fail, type IpcResult } from '../../common/ipc/result';
import type { Dispatch } from '../app/dispatcher';
import type { Logger } from '../core/log/logger';
import { isTrustedFrame } from './security';

export function createInvokeListener(dispatch: Dispatch, log: Logger) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, name: unknown, arg: unknown): Promise<IpcResult<unknown>> => {
    if (!isTrustedFrame(event.senderFrame)) {
      log.warn('IPC from a foreign frame refused', { url: event.senderFrame?.url ?? null });
      return fail('forbidden', 'sender not allowed');
    }
    return dispatch(name, arg);
  };
}

export function registerInvokeHandler(ipcMain: IpcMain, dispatch: Dispatch, log: Logger): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, createInvokeListener(dispatch, log));
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}
