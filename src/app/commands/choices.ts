// A reply for a customer reference that was not one customer: buttons to pick the one meant.
import { customerLabel, customerRefFor } from '../../domain/grammar/format.ts';
import type { Reply } from '../reply.ts';
import type { FoundCustomer } from './customers.ts';
import { errorReply } from './replies.ts';

export function customerChoiceReply(
  found: Extract<FoundCustomer, { ok: false }>,
  command: (ref: string) => string,
): Reply {
  return errorReply(
    found.title,
    [],
    found.choices.map((c) => ({
      kind: 'command',
      label: customerLabel(c),
      command: command(customerRefFor(c)),
    })),
  );
}
