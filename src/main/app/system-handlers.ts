// config/*, logs/*, app/info: configuration with secrets masked, the in-memory log ring, version info.
import fs from 'node:fs';
import path from 'node:path';
import type { HandlerImpl } from '../../common/ipc/contract';
import type { AppInfo } from '../../common/ipc/system';
import type { LogLevel, LogRing } from '../core/log/logger';
import type { SportelloConfig } from '../core/config/schema';
import { applyConfigPatch, maskConfig, writeConfigFile } from './config-view';
import type { SecretBoxFor } from '../core/config/secret-box';

type SystemHandlers = Pick<HandlerImpl, 'config/get' | 'config/update' | 'logs/list' | 'logs/export' | 'app/info'>;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createSystemHandlers(deps: {
  getConfig: () => SportelloConfig;
  setConfig: (c: SportelloConfig) => void;
  configFile: string;
  /** Seals the secrets written to configFile (default: the headless fallback). */
  secretBox?: SecretBoxFor;
  dataDir: string;
  ring: LogRing;
  info: () => AppInfo;
  requireTechnician: () => void;
  now: () => number;
}): SystemHandlers {
  return {
    'config/get': () => maskConfig(deps.getConfig()),
    'config/update': ({ patch }) => {
      deps.requireTechnician();
      const next = applyConfigPatch(deps.getConfig(), patch);
      // Persist first: the running config changes only once the file is durable.
      writeConfigFile(deps.configFile, next, deps.secretBox);
      deps.setConfig(next);
      return maskConfig(next);
    },
    'logs/list': (arg) => {
      const min = RANK[arg?.level ?? 'debug'];
      const rows = deps.ring.list().filter((r) => RANK[r.level] >= min);
      return rows.slice(-(arg?.limit ?? 500)).map((r) => ({ ...r }));
    },
    'logs/export': () => {
      deps.requireTechnician();
      // Records were redacted when logged (redactSecrets), so the export carries no secrets.
      const content =
        deps.ring
          .list()
          .map((r) => JSON.stringify(r))
          .join('\n') + '\n';
      const stamp = new Date(deps.now()).toISOString().replace(/[:.]/g, '-');
      const fileName = `sportello-logs-${stamp}.ndjson`;
      const dir = path.join(deps.dataDir, 'logs');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, fileName);
      fs.writeFileSync(file, content, { mode: 0o600 });
      return { fileName, path: file, content };
    },
    'app/info': () => deps.info(),
  };
}
