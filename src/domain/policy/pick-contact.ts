// Whom to call: the AP contact for reminders, the customer's manager (or controller, CFO) for
// escalations; the primary contact when the preferred role is missing.

export interface ContactChoice {
  role: string;
  primary: boolean;
}

const ORDER: Record<'ap' | 'manager', readonly string[]> = {
  ap: ['ap', 'controller', 'manager', 'cfo', 'other'],
  manager: ['manager', 'controller', 'cfo', 'ap', 'other'],
};

export function pickContact<C extends ContactChoice>(
  contacts: readonly C[],
  want: 'ap' | 'manager',
): C | null {
  const order = ORDER[want];
  const rank = (c: C) => {
    const k = order.indexOf(c.role);
    return (k < 0 ? order.length : k) * 2 + (c.primary ? 0 : 1);
  };
  let best: C | null = null;
  for (const c of contacts) if (best === null || rank(c) < rank(best)) best = c;
  return best;
}
