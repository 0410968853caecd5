// The one logger shape of the core and the drivers (drivers may import src/common, not src/main:
// ARCHITECTURE.md layers). src/main/core/log/logger.ts implements it (createLogger, silentLogger).

export interface Logger {
  debug(msg: string, data?: unknown): void;
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
  /** A logger for a sub-namespace (`parent/ns`). */
  child(ns: string): Logger;
}

/** Drops everything: the default of a driver nobody gave a logger. */
export const nullLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => nullLogger };
