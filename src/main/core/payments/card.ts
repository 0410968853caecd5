// The card terminal as the engine sees it: the slice of PaymentTerminal (drivers/card-terminal) it needs.
// pos-practice.md §3.4: an UNKNOWN result is "not collected yet"; recover via lastResult (ECR17 'G'),
// then a person.
import type { PaymentTerminal } from '../../../../drivers/card-terminal/interface';

export type { CardResult } from '../../../../drivers/card-terminal/interface';
export type CardTerminalPort = Pick<PaymentTerminal, 'pay' | 'lastResult'>;
