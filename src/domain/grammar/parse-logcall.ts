// `/logcall <customer> <outcome> [details]` → a typed intent, or an error that says how to fix
// the line. Pure: the candidate customers, "today" in the actor's zone and the settings come in.
import { addDays, addMonths, daysBetween, type IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import { ownEntry } from '../own-entry.ts';
import { fail, ok, type Result } from '../result.ts';
import { amountAt, MAX_CENTS, type SaidCurrency } from './amount.ts';
import { type CustomerCandidate, type CustomerMatch, matchCustomer } from './customers.ts';
import { type DateOrder, parseDateAt, parseTimeAt } from './dates.ts';
import { customerLabel, formatDay } from './format.ts';
import type { GrammarError, LogcallIntent, PlanIntent } from './intent.ts';
import { type LogOutcome, nearestOutcome, outcomeAt } from './outcomes.ts';
import { leadingQuoted, restOf, type Token, tokenize } from './text.ts';

export interface LogcallContext {
  customers: readonly CustomerCandidate[];
  /** Today in the actor's time zone. */
  today: IsoDate;
  dateOrder: DateOrder;
  /** Promises further out than this many days ask for confirmation. */
  horizonDays: number;
}

export const MAX_NOTE_CHARS = 4000;
/** Customer names longer than this need quotes; it bounds the work on long lines. */
const MAX_REF_WORDS = 10;
export const CONFIRM_FLAG = '--yes';
export const USAGE = 'logcall <customer> <outcome> [details], e.g. `logcall ACME promised 5k by 5/30`';

type Parse = Result<LogcallIntent, GrammarError>;
const err = (code: GrammarError['code'], message: string, extra: Partial<GrammarError> = {}) =>
  fail<GrammarError>({ code, message, ...extra });

interface Located {
  match: CustomerMatch;
  ref: string;
  /** Tokens after the customer reference (the outcome starts at index 0 when there is one). */
  tokens: Token[];
}

export function parseLogcall(input: string, ctx: LogcallContext): Parse {
  let text = input.trimEnd();
  let confirmed = false;
  if (text.toLowerCase().endsWith(` ${CONFIRM_FLAG}`) || text.toLowerCase() === CONFIRM_FLAG) {
    confirmed = true;
    text = text.slice(0, -CONFIRM_FLAG.length).trimEnd();
  }
  if (text.trim() === '') return err('empty', `say which customer and what happened: ${USAGE}`);
  if (text.length > MAX_NOTE_CHARS + 200)
    return err(
      'too_long',
      `that is ${text.length} characters; keep a call log under ${MAX_NOTE_CHARS} (put long notes in the CRM)`,
    );

  const located = locate(text, ctx.customers);
  const { match, ref } = located;
  const outcome = located.tokens.length
    ? (outcomeAt(norms(located.tokens), 0) ?? outcomeAt(norms(located.tokens), 0, true))
    : null;
  const rest = located.tokens[0] ? text.slice(located.tokens[0].start) : '';

  if (match.kind === 'unknown') {
    const guess = match.suggestions[0];
    const hint = guess
      ? ` — did you mean ${customerLabel(guess)}?`
      : ' — check the code with `account <name>`';
    return err('unknown_customer', `no customer matches '${ref}'${hint}`, {
      choices: match.suggestions,
      rest,
    });
  }
  if (match.kind === 'ambiguous') {
    const list = match.choices.map(customerLabel).join(', ');
    return err('ambiguous_customer', `'${ref}' matches several customers: ${list}. Which one?`, {
      choices: match.choices,
      rest,
    });
  }
  const customer = match.customer;
  if (!outcome) {
    const typed = located.tokens[0]?.norm;
    if (typed === undefined)
      return err(
        'missing_outcome',
        `what happened with ${customerLabel(customer)}? e.g. \`logcall ${customer.code} promised 5/30\`, \`no answer\`, \`vm\`, \`note …\``,
      );
    const near = nearestOutcome(typed);
    return err(
      'unknown_outcome',
      `'${located.tokens[0]!.raw}' is not an outcome${near ? ` — did you mean '${near}'?` : ''}. Outcomes: promised, plan, disputed, no answer, vm, paid, callback, wrong number, note`,
    );
  }
  const details = located.tokens.slice(outcome.used);
  return parseDetails(outcome.outcome, customer, details, text, ctx, confirmed);
}

const norms = (tokens: readonly Token[]) => tokens.map((t) => t.norm);

/** Splits the customer reference from the rest, preferring the split whose reference matches best. */
function locate(text: string, customers: readonly CustomerCandidate[]): Located {
  const quoted = leadingQuoted(text);
  if (quoted) {
    return {
      match: matchCustomer(quoted.quoted, customers),
      ref: quoted.quoted.trim(),
      tokens: tokenize(text, quoted.restStart),
    };
  }
  const tokens = tokenize(text);
  const words = norms(tokens);
  const refAt = (i: number) => text.slice(tokens[0]!.start, tokens[i - 1]!.end);
  // Suggestions (edit distance over every customer) only for the reference finally chosen.
  const at = (i: number): Located => {
    const ref = refAt(i);
    return { match: matchCustomer(ref, customers, { suggest: false }), ref, tokens: tokens.slice(i) };
  };
  const suggest = (l: Located): Located =>
    l.match.kind === 'unknown' ? { ...l, match: matchCustomer(l.ref, customers) } : l;
  const rank = (l: Located) =>
    l.match.kind === 'match' ? (l.match.exact ? 3 : 2) : l.match.kind === 'ambiguous' ? 1 : 0;
  let unresolved: Located | null = null;
  for (const fuzzy of [false, true]) {
    let best: Located | null = null;
    for (let i = 1; i < Math.min(tokens.length, MAX_REF_WORDS + 1); i++) {
      if (!outcomeAt(words, i, fuzzy)) continue;
      const candidate = at(i);
      if (!best || rank(candidate) > rank(best)) best = candidate;
      if (rank(candidate) === 3) break;
    }
    if (best && rank(best) > 0) return best;
    unresolved ??= best;
  }
  if (unresolved) return suggest(unresolved);
  // No outcome word anywhere: the whole line may be a name, or the first word a code.
  if (tokens.length === 0) return { match: { kind: 'unknown', suggestions: [] }, ref: '', tokens: [] };
  if (tokens.length > MAX_REF_WORDS) return suggest(at(1));
  const whole = at(tokens.length);
  if (whole.match.kind !== 'unknown' || tokens.length === 1) return suggest(whole);
  return suggest(at(1));
}

const FILLERS = new Set([
  'on',
  'by',
  'for',
  'due',
  'before',
  'until',
  'til',
  'till',
  'of',
  'to',
  'pay',
  'payment',
  'amount',
  '-',
  '@',
  'at',
]);

/** Reads amounts and dates (any order) from tokens[k…]; stops at the first word that is neither. */
function readAmountDate(
  tokens: Token[],
  ctx: LogcallContext,
  direction: 'future' | 'past',
): Result<
  {
    amount: Cents | null;
    currency: SaidCurrency | null;
    date: IsoDate | null;
    time: string | null;
    next: number;
  },
  GrammarError
> {
  const words = norms(tokens);
  let amount: Cents | null = null;
  let currency: SaidCurrency | null = null;
  let date: IsoDate | null = null;
  let time: string | null = null;
  let k = 0;
  for (;;) {
    let j = k;
    while (j < words.length && FILLERS.has(words[j]!) && !parseTimeAt(words, j)) j++;
    if (j >= words.length) break;
    if (date === null) {
      const d = parseDateAt(words, j, { today: ctx.today, order: ctx.dateOrder, direction });
      if (d && !d.ok)
        return err('bad_date', `${d.error.message}; write dates like 5/30, May 30 or 2027-05-30`);
      if (d?.ok) {
        date = d.value.date;
        k = j + d.value.used;
        continue;
      }
    }
    if (time === null) {
      const t = parseTimeAt(words, j);
      if (t) {
        time = t.time;
        k = j + t.used;
        continue;
      }
    }
    if (amount === null) {
      const a = amountAt(tokens, j);
      if (a !== null) {
        const typed = a.currency?.typed ?? tokens[j]!.raw;
        if (a.cents <= 0)
          return err('bad_amount', `'${typed}' is zero; say the amount, e.g. 5000, 5,000 or 5k`);
        if (a.cents > MAX_CENTS) return err('bad_amount', `'${typed}' is too large for an amount`);
        amount = a.cents;
        currency = a.currency;
        k = j + a.used;
        continue;
      }
    }
    break;
  }
  return ok({ amount, currency, date, time, next: k });
}

function noteFrom(text: string, tokens: Token[], k: number): string | null {
  const t = tokens[k];
  if (!t) return null;
  const note = restOf(text, t.start);
  return note === '' ? null : note;
}

const base = (customer: CustomerCandidate, outcome: LogOutcome): LogcallIntent => ({
  customer,
  outcome,
  amountCents: null,
  currency: null,
  date: null,
  time: null,
  invoices: [],
  reference: null,
  note: null,
  plan: null,
  confirm: null,
});

function parseDetails(
  outcome: LogOutcome,
  customer: CustomerCandidate,
  tokens: Token[],
  text: string,
  ctx: LogcallContext,
  confirmed: boolean,
): Parse {
  const intent = base(customer, outcome);
  const who = customer.code;
  const finish = (next: number): Parse => {
    intent.note = noteFrom(text, tokens, next);
    if (intent.note && intent.note.length > MAX_NOTE_CHARS)
      return err('too_long', `the note is ${intent.note.length} characters; keep it under ${MAX_NOTE_CHARS}`);
    return ok(intent);
  };
  const future = (
    date: IsoDate,
    what: string,
    code: 'promise_in_past' | 'callback_in_past',
  ): GrammarError | null =>
    date < ctx.today
      ? {
          code,
          message: `${what} ${formatDay(date)} is in the past (today is ${formatDay(ctx.today)}); ask for a date from today on`,
        }
      : null;
  const horizon = (date: IsoDate, what: string) => {
    const days = daysBetween(ctx.today, date);
    if (!confirmed && days > ctx.horizonDays)
      intent.confirm = `${what} ${formatDay(date)} is ${days} days away (more than ${ctx.horizonDays}). Record it anyway?`;
  };

  switch (outcome) {
    case 'promised': {
      const r = readAmountDate(tokens, ctx, 'future');
      if (!r.ok) return r;
      if (!r.value.date)
        return err(
          'missing_date',
          `when will ${customerLabel(customer)} pay? add a date, e.g. \`logcall ${who} promised 5k by 5/30\``,
        );
      const past = future(r.value.date, 'the promise date', 'promise_in_past');
      if (past) return fail(past);
      intent.amountCents = r.value.amount;
      intent.currency = r.value.currency;
      intent.date = r.value.date;
      horizon(r.value.date, 'the promise date');
      return finish(r.value.next);
    }
    case 'plan':
      return parsePlan(intent, tokens, ctx, confirmed, finish);
    case 'disputed': {
      const words = norms(tokens);
      let k = 0;
      for (;;) {
        let j = k;
        while (
          ['inv', 'invoice', 'invoices', 'inv#', 'on', 'and', '&', '#', 'no', 'nr'].includes(words[j] ?? '')
        )
          j++;
        const w = words[j];
        const keyworded = j > k && ['inv', 'invoice', 'invoices', 'inv#', '#'].includes(words[j - 1] ?? '');
        if (w === undefined) break;
        if (INVOICE.test(w) || (keyworded && /^#?[a-z0-9][\w\-/]*\d[\w\-/]*$/.test(w))) {
          intent.invoices.push(tokens[j]!.raw.replace(/^#/, '').replace(/[,;:!?.]+$/, ''));
          k = j + 1;
          continue;
        }
        break;
      }
      return finish(k);
    }
    case 'paid': {
      let k = 0;
      const words = norms(tokens);
      for (let round = 0; round < 4; round++) {
        const r = readAmountDate(tokens.slice(k), ctx, 'past');
        if (!r.ok) return r;
        if (r.value.amount !== null) {
          if (intent.amountCents !== null) break;
          intent.amountCents = r.value.amount;
          intent.currency = r.value.currency;
        }
        if (r.value.date !== null) intent.date ??= r.value.date;
        k += r.value.next;
        const ref = readReference(words, tokens, k);
        if (ref) {
          intent.reference = ref.reference;
          k = ref.next;
          continue;
        }
        if (r.value.next === 0) break;
      }
      intent.date ??= ctx.today;
      if (intent.date > ctx.today)
        return err(
          'payment_in_future',
          `a payment on ${formatDay(intent.date)} has not happened yet; log it as a promise: \`logcall ${who} promised ${intent.date}\``,
        );
      return finish(k);
    }
    case 'callback': {
      const r = readAmountDate(tokens, ctx, 'future');
      if (!r.ok) return r;
      const date = r.value.date ?? (r.value.time ? ctx.today : null);
      if (!date || r.value.amount !== null)
        return err(
          'missing_date',
          `when should you call ${customerLabel(customer)} back? e.g. \`logcall ${who} callback tuesday 2pm\``,
        );
      const past = future(date, 'the callback date', 'callback_in_past');
      if (past) return fail(past);
      intent.date = date;
      intent.time = r.value.time;
      return finish(r.value.next);
    }
    case 'note': {
      const done = finish(0);
      if (done.ok && !intent.note)
        return err('missing_note', `write the note after 'note', e.g. \`logcall ${who} note spoke to Jane\``);
      return done;
    }
    default:
      return finish(0);
  }
}

const INVOICE = /^#?(?:[a-z]{1,6}[-#/]?){0,2}\d{3,}[a-z0-9\-/]*$/;
const REF_WORDS = new Set([
  'ref',
  'ref#',
  'reference',
  'chq',
  'cheque',
  'check',
  'wire',
  'txn',
  'conf',
  'confirmation',
  'trace',
]);

function readReference(
  words: string[],
  tokens: Token[],
  k: number,
): { reference: string; next: number } | null {
  const w = words[k];
  if (w === undefined) return null;
  const glued = /^(?:ref#?|#)(?:[:#]?)([a-z0-9][\w\-/]*)$/.exec(w);
  if (glued)
    return {
      reference: tokens[k]!.raw.replace(/^(?:ref#?|#)[:#]?/i, '').replace(/[,;:!?.]+$/, ''),
      next: k + 1,
    };
  if (!REF_WORDS.has(w)) return null;
  let j = k + 1;
  while (['#', 'no', 'number', 'nr', ':', 'is'].includes(words[j] ?? '')) j++;
  const value = tokens[j];
  if (!value || !/\d/.test(value.norm)) return null;
  return { reference: value.raw.replace(/^#/, '').replace(/[,;:!?.]+$/, ''), next: j + 1 };
}

function parsePlan(
  intent: LogcallIntent,
  tokens: Token[],
  ctx: LogcallContext,
  confirmed: boolean,
  finish: (next: number) => Parse,
): Parse {
  const who = intent.customer.code;
  const example = `e.g. \`logcall ${who} plan 15k in 3 monthly from 6/1\``;
  const words = norms(tokens);
  let total: Cents | null = null;
  let totalTyped = '';
  let currency: SaidCurrency | null = null;
  let count: number | null = null;
  let frequency: 'weekly' | 'monthly' | null = null;
  let start: IsoDate | null = null;
  let k = 0;
  const FREQ: Record<string, 'weekly' | 'monthly'> = {
    weekly: 'weekly',
    week: 'weekly',
    weeks: 'weekly',
    wk: 'weekly',
    wks: 'weekly',
    monthly: 'monthly',
    month: 'monthly',
    months: 'monthly',
    mo: 'monthly',
    mos: 'monthly',
  };
  const SKIP = new Set([
    'in',
    'over',
    'of',
    'x',
    'times',
    'instalments',
    'installments',
    'payments',
    'parts',
    'equal',
    'a',
    'every',
    'per',
    'total',
    'each',
  ]);
  while (k < words.length) {
    const w = words[k]!;
    if (['from', 'starting', 'start', 'beginning', 'first', 'on'].includes(w)) {
      const d = parseDateAt(words, k + 1, { today: ctx.today, order: ctx.dateOrder, direction: 'future' });
      if (d && !d.ok) return err('bad_date', `${d.error.message}; write dates like 6/1 or June 1`);
      if (d?.ok) {
        start = d.value.date;
        k += 1 + d.value.used;
        continue;
      }
    }
    if (start === null) {
      const d = parseDateAt(words, k, { today: ctx.today, order: ctx.dateOrder, direction: 'future' });
      if (d?.ok && !/^\d+$/.test(w)) {
        start = d.value.date;
        k += d.value.used;
        continue;
      }
    }
    const n = /^x?(\d{1,3})x?$/.exec(w);
    if (n && count === null && (total !== null || w.includes('x'))) {
      count = Number(n[1]);
      k++;
      continue;
    }
    const every = ownEntry(FREQ, w);
    if (every !== undefined && frequency === null) {
      frequency = every;
      k++;
      continue;
    }
    if (total === null) {
      const a = amountAt(tokens, k);
      if (a !== null) {
        totalTyped = a.currency?.typed ?? tokens[k]!.raw;
        if (a.cents <= 0 || a.cents > MAX_CENTS)
          return err('bad_amount', `'${totalTyped}' is not a usable plan total`);
        total = a.cents;
        currency = a.currency;
        k += a.used;
        continue;
      }
    }
    if (SKIP.has(w)) {
      k++;
      continue;
    }
    break;
  }
  if (total === null) return err('missing_amount', `say the plan's total, ${example}`);
  if (count === null) return err('bad_plan', `say how many instalments, ${example}`);
  if (count < 2 || count > 60)
    return err('bad_plan', `a plan has 2 to 60 instalments (got ${count}), ${example}`);
  if (total < count) return err('bad_plan', `'${totalTyped}' cannot be split into ${count} instalments`);
  if (start === null) return err('missing_date', `when is the first instalment? ${example}`);
  if (start < ctx.today)
    return err(
      'promise_in_past',
      `the first instalment ${formatDay(start)} is in the past (today is ${formatDay(ctx.today)}); pick a date from today on`,
    );
  const freq = frequency ?? 'monthly';
  const each = Math.floor(total / count);
  const plan: PlanIntent = {
    totalCents: total,
    count,
    frequency: freq,
    startOn: start,
    instalments: Array.from({ length: count }, (_, i) => ({
      no: i + 1,
      dueOn: freq === 'weekly' ? addDays(start, 7 * i) : addMonths(start, i),
      // The last instalment takes the odd cents so the plan adds up exactly.
      amountCents: i === count - 1 ? total - each * (count - 1) : each,
    })),
  };
  intent.plan = plan;
  intent.amountCents = total;
  intent.currency = currency;
  intent.date = start;
  const days = daysBetween(ctx.today, start);
  if (!confirmed && days > ctx.horizonDays)
    intent.confirm = `the first instalment ${formatDay(start)} is ${days} days away (more than ${ctx.horizonDays}). Record it anyway?`;
  return finish(k);
}
