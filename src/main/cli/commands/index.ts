// The CLI's command table. One module per command; keep this list in the order shown by --help.
import type { CliCommand } from '../command';
import { noticeCommand } from './notice';
import { nodeCommand } from './node';
import { nodeSimCommand } from './node-sim';
import { payCommand } from './pay';
import { syncCommand } from './sync';
import { queueCommand } from './queue';
import { exceptionsCommand } from './exceptions';
import { journalCommand } from './journal';
import { reportCommand } from './report';
import { shiftCommand } from './shift';
import { operatorsCommand } from './operators';
import { devicesCommand } from './devices';
import { virtualDevicesCommand } from './virtual-devices';
import { receiptCommand } from './receipt';
import { serveCommand } from './serve';

export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  noticeCommand,
  payCommand,
  syncCommand,
  queueCommand,
  exceptionsCommand,
  shiftCommand,
  operatorsCommand,
  reportCommand,
  journalCommand,
  nodeCommand,
  nodeSimCommand,
  devicesCommand,
  virtualDevicesCommand,
  receiptCommand,
];
