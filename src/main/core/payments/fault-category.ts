// Fault → category: faultCategory() of src/common/node-faults.ts (MIL node.error.map grouping,
// pagopa-psp.md §3.10), plus what the engine decides per category.
import { faultCategory, type FaultCategory as NodeFaultCategory } from '../../../common/node-faults';
import { paymentRefusalMessage, type RefusalLanguage } from '../../../common/payment-refusals';
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

/** The clerk's wording (src/common/payment-refusals.ts); the UI picks language and audience itself. */
export function refusalMessage(cat: RefusalCategory, lang: RefusalLanguage = 'en'): string {
  return paymentRefusalMessage(cat, lang, 'clerk');
}
