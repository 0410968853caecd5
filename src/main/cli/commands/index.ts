// The CLI's command table. One module per command; keep this list in the order shown by --help.
import type { CliCommand } from '../command';
import { noticeCommand } from './notice';
import { nodeCommand } from './node';
import { nodeSimCommand } from './node-sim';
import { milSimCommand } from './mil-sim';
import { payCommand } from './pay';
import { syncCommand } from './sync';
import { queueCommand } from './queue';
import { exceptionsCommand } from './exceptions';
import { journalCommand } from './journal';
import { exportCommand } from './export';
import { reportCommand } from './report';
import { shiftCommand } from './shift';
import { operatorsCommand } from './operators';
import { devicesCommand } from './devices';
import { virtualDevicesCommand } from './virtual-devices';
import { receiptCommand } from './receipt';
import { serveCommand } from './serve';
import { catalogueCommand, demandCommand } from './spontaneous';

export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  noticeCommand,
  payCommand,
  catalogueCommand,
  demandCommand,
  syncCommand,
  queueCommand,
  exceptionsCommand,
  shiftCommand,
  operatorsCommand,
  reportCommand,
  journalCommand,
  exportCommand,
  nodeCommand,
  nodeSimCommand,
  milSimCommand,
  devicesCommand,
  virtualDevicesCommand,
  receiptCommand,
];
