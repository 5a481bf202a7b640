// View model of an alert, built by the alert scan and rendered by every surface.
export type AlertKindId =
  | 'new_customer_large_order'
  | 'unusual_order'
  | 'slowing_payments'
  | 'broken_promise'
  | 'credit_limit'
  /** An e-mail the server refused for good (src/app/outreach). */
  | 'delivery_failure';

/** 'credit_limit' → 'credit limit'. */
export const kindWords = (kind: AlertKindId) => kind.replace(/_/g, ' ');

export interface KindCount {
  kind: AlertKindId;
  count: number;
}

export const totalOf = (kinds: readonly KindCount[]) => kinds.reduce((sum, k) => sum + k.count, 0);

/** "3,100 credit limit, 1,503 slowing payments" (counts grouped in the company's locale). */
export const kindCountsText = (kinds: readonly KindCount[], locale = 'en-US') =>
  kinds.map((k) => `${k.count.toLocaleString(locale)} ${kindWords(k.kind)}`).join(', ');

/** The new alerts of one scan that were not posted one by one: how many, of which kinds. */
export interface AlertRollup {
  /** When the scan recorded them (ISO 8601). */
  scannedAt: string;
  /** Largest count first. */
  kinds: KindCount[];
  total: number;
  /** The company's locale, for the counts (default en-US). */
  locale?: string;
}

/** "…and 5,803 more new alerts from this scan: 3,100 credit limit, 2,703 slowing payments." */
export function rollupText(rollup: AlertRollup): string {
  return (
    `…and ${rollup.total.toLocaleString(rollup.locale)} more new alerts from this scan, not posted one by one: ` +
    `${kindCountsText(rollup.kinds, rollup.locale)}. \`callsheet alerts\` lists every open alert.`
  );
}

export interface AlertView {
  id: number;
  kind: AlertKindId;
  severity: 'info' | 'warning' | 'critical';
  status: 'open' | 'acknowledged' | 'snoozed' | 'resolved';
  customer: { code: string; name: string } | null;
  /** One line: what happened ("Large first order from a new customer: $84,000"). */
  title: string;
  /** Why, with the numbers behind it. */
  message: string;
  /** What to do ("Call before invoicing: confirm it is legitimate and will be paid"). */
  suggestedAction: string;
  /** The numbers behind the alert, for JSON output and cards. */
  numbers: Record<string, number | string>;
  /** Text sparkline of the trend (▁▂▃▅▇), may be empty. */
  sparkline: string;
  acknowledgedBy: string | null;
  snoozedUntil: string | null;
}
