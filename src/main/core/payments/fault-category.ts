// Fault → category: faultCategory() of src/common/node-faults.ts (MIL node.error.map grouping,
// pagopa-psp.md §3.10), plus what the engine decides per category.
import { faultCategory, faultMessage, FAULT_CATEGORIES, type FaultCategory as NodeFaultCategory } from '../../../common/node-faults';
import type { NodeFault } from './node-port';
import type { ExceptionKind, RefusalCategory } from './types';

export type FaultCategory = NodeFaultCategory | 'outcome-already-acquired';

/** faultCategory (src/common/node-faults.ts) plus the one code the engine treats specially. */
export function classifyFault(fault: NodeFault): FaultCategory {
  // PPT_ESITO_GIA_ACQUISITO: the node already holds an outcome for the token (pagopa-psp.md §3.10).
  if (fault.faultCode === 'PPT_ESITO_GIA_ACQUISITO') return 'outcome-already-acquired';
  return faultCategory(fault);
}

/** Categories that mean "this notice cannot be paid" and, for a payment already collected offline, an exception. */
export function exceptionKindFor(cat: FaultCategory): ExceptionKind | null {
  switch (cat) {
    case 'already-paid':
    case 'expired':
    case 'revoked':
    case 'unknown-notice':
    case 'wrong-notice-data':
      return cat;
    default:
      return null;
  }
}

/** Categories the sync worker waits out and retries later (nothing is wrong with the payment itself). */
export function isTransientCategory(cat: FaultCategory): boolean {
  return cat === 'creditor-unreachable' || cat === 'node-error' || cat === 'in-progress';
}

export function refusalCategory(cat: FaultCategory): RefusalCategory {
  return cat === 'outcome-already-acquired' ? 'unexpected' : cat;
}

const MESSAGES: Record<RefusalCategory, string> = {
  'already-paid': 'This notice has already been paid.',
  expired: 'This notice has expired: the creditor no longer accepts payment.',
  revoked: 'This notice was cancelled by the creditor.',
  'unknown-notice': 'The creditor does not know this notice: check the notice code and creditor fiscal code.',
  'in-progress': 'A payment of this notice is already in progress elsewhere: try again in a few minutes.',
  'creditor-unreachable': 'The creditor cannot be reached right now: try again later.',
  'wrong-notice-data': 'The notice code or creditor fiscal code is wrong.',
  'terminal-config': 'This terminal is not authorised by pagoPA: call a technician.',
  'node-error': 'pagoPA reported an internal error: try again later.',
  'token-expired': 'The payment session expired.',
  unexpected: 'pagoPA refused the request.',
  'offline-disabled': 'pagoPA cannot be reached and offline payments are not allowed here: out of service.',
  'offline-limit': 'pagoPA cannot be reached and this payment exceeds the offline limits.',
  'amount-required': 'pagoPA cannot be reached: type the amount printed on the notice.',
  'store-unavailable': 'The payment cannot be recorded on this terminal: nothing was charged.',
  'duplicate-in-flight': 'A payment of this notice is already in progress on this terminal.',
};

export function refusalMessage(cat: RefusalCategory, lang: 'it' | 'en' = 'en'): string {
  if ((FAULT_CATEGORIES as readonly string[]).includes(cat)) return faultMessage(cat as NodeFaultCategory, lang, 'clerk');
  return MESSAGES[cat];
}
