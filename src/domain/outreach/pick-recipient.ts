// Whom to write to: among the contacts with an e-mail address, the role the step calls for (the AP
// contact, or the customer's manager from the escalation step on), those who prefer e-mail first.
import { pickContact } from '../policy/pick-contact.ts';

export interface RecipientContact {
  name: string;
  role: string;
  email: string | null;
  preferredChannel: 'phone' | 'email' | 'sms';
  primary: boolean;
}

export interface Recipient {
  name: string;
  email: string;
  role: string;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}

export function pickRecipient(
  contacts: readonly RecipientContact[],
  want: 'ap' | 'manager',
): Recipient | null {
  const reachable = contacts.filter((c) => c.email !== null && isEmailAddress(c.email.trim()));
  const prefersEmail = reachable.filter((c) => c.preferredChannel === 'email');
  const best = pickContact(prefersEmail, want);
  const chosen =
    best && best.role === pickContact(reachable, want)?.role ? best : pickContact(reachable, want);
  return chosen ? { name: chosen.name, email: chosen.email!.trim(), role: chosen.role } : null;
}
