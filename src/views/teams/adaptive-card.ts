// Adaptive Card 1.5 building blocks for Teams, and the one place text is escaped. TextBlock and
// FactSet text in Teams is Markdown, so anything that did not come from us goes through `esc`
// exactly once, here in the view layer.
import { weekday } from '../../domain/calendar.ts';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
  /** Text for notifications and screen readers when the card cannot be shown. */
  fallbackText?: string;
}

/** Stay well under the smallest size Teams documents for a bot message (28 KB) with the envelope. */
export const CARD_BYTE_LIMIT = 26 * 1024;

export function card(body: CardElement[], actions: CardElement[] = [], fallbackText?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
    ...(fallbackText ? { fallbackText: fallbackText.slice(0, 300) } : {}),
  };
}

export function cardBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * Makes text display literally in a Markdown TextBlock: emphasis, links, code, headings, lists,
 * quotes and the {{DATE()}} template functions all lose their meaning.
 */
export function esc(text: string): string {
  return text
    .replace(/[\\`*_~[\]<>{}|]/g, (c) => `\\${c}`)
    .replace(/(^|\n)([ \t]*)([#>+-])/g, '$1$2\\$3')
    .replace(/(^|\n)([ \t]*\d+)([.)])/g, '$1$2\\$3');
}

export interface TextOptions {
  weight?: 'Bolder';
  size?: 'Small' | 'Medium' | 'Large';
  color?: 'Good' | 'Attention' | 'Warning' | 'Accent';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small';
  fontType?: 'Monospace';
  separator?: boolean;
}

/** A wrapping TextBlock of already-escaped (or our own) Markdown. */
export function textBlock(markdown: string, options: TextOptions = {}): CardElement {
  return { type: 'TextBlock', text: markdown, wrap: true, ...options };
}

/** A wrapping TextBlock showing `text` literally. */
export function plainText(text: string, options: TextOptions = {}): CardElement {
  return textBlock(esc(text), options);
}

export function factSet(facts: { label: string; value: string }[]): CardElement {
  return { type: 'FactSet', facts: facts.map((f) => ({ title: esc(f.label), value: esc(f.value) })) };
}

export function container(items: CardElement[], extra: Record<string, unknown> = {}): CardElement {
  return { type: 'Container', items, ...extra };
}

/** An Action.Submit whose data carries the verb teams-ai routes on. */
export function submit(
  title: string,
  data: { verb: string } & Record<string, unknown>,
  style?: 'positive' | 'destructive',
): CardElement {
  return { type: 'Action.Submit', title: title.slice(0, 40), data, ...(style ? { style } : {}) };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2027-05-28' → 'Fri 28 May 2027'. */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${DAYS[weekday(date)]} ${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** A 1.5 Table with a bold header row; every cell shown literally. */
export function table(columns: string[], rows: string[][], widths?: number[]): CardElement {
  const cell = (text: string, bold = false) => ({
    type: 'TableCell',
    items: [{ type: 'TextBlock', text: esc(text), wrap: true, ...(bold ? { weight: 'Bolder' } : {}) }],
  });
  return {
    type: 'Table',
    firstRowAsHeader: true,
    showGridLines: false,
    columns: columns.map((_, i) => ({ width: widths?.[i] ?? 1 })),
    rows: [
      { type: 'TableRow', cells: columns.map((c) => cell(c, true)) },
      ...rows.map((r) => ({ type: 'TableRow', cells: columns.map((_, i) => cell(r[i] ?? '')) })),
    ],
  };
}
