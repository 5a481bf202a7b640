// Today's automated batch, ready to send: the engine's automated tier through the outreach rules,
// each message rendered from its template in the customer's language. Nothing is written; the same
// batch backs the chat approval (summary, preview), `callsheet outreach preview` and sending.
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import type { OutreachKind } from '../../domain/outreach/message-kind.ts';
import { emailLocale, messageView } from '../../domain/outreach/message-view.ts';
import {
  type CurrencyTotal,
  type OutreachCandidate,
  type OutreachPlan,
  type PlannedMessage,
  planOutreach,
  totalsByCurrency,
} from '../../domain/outreach/plan-outreach.ts';
import {
  type MessageTemplate,
  type RenderedMessage,
  renderMessage,
} from '../../domain/outreach/render-message.ts';
import type { PlannedAccount } from '../../domain/policy/plan-day.ts';
import { AppError } from '../../shared/errors.ts';
import { type OutreachFacts, readOutreachFacts } from '../../store/outreach.ts';
import { readSettings } from '../../store/settings.ts';
import { readContacts, readSheetHolders } from '../../store/sheet-inputs.ts';
import { endOfDayIn, planAutomatedTier } from '../build-call-sheets.ts';
import { readMoneyDisplay } from '../company-settings.ts';
import type { AppDeps } from '../deps.ts';
import { policySettings } from '../policy-settings.ts';
import { type OutreachSettings, outreachSettings } from './outreach-settings.ts';
import { loadTemplate } from './templates.ts';

export interface OutreachDraft extends Omit<PlannedMessage, 'kind'>, RenderedMessage {
  kind: OutreachKind;
  collectorId: number | null;
}

export interface OutreachBatch {
  asOf: IsoDate;
  drafts: OutreachDraft[];
  held: OutreachPlan['held'];
  manual: OutreachPlan['manual'];
  summary: { emails: number; customers: number; totals: CurrencyTotal[] };
}

/** Templates loaded once per kind and language for a batch. */
export function templateCache(templatesDir: string | undefined, settings: OutreachSettings) {
  const cache = new Map<string, MessageTemplate>();
  return (kind: OutreachKind, language: string | null) => {
    const key = `${kind}:${language ?? ''}`;
    let t = cache.get(key);
    if (!t) {
      t = loadTemplate(
        { customDir: templatesDir, defaultLanguage: settings.defaultLanguage },
        kind,
        language,
      );
      cache.set(key, t);
    }
    return t;
  };
}

/** The rendered parts, or an error naming the template (a checked template cannot fail here). */
export function rendered(t: MessageTemplate, view: Parameters<typeof renderMessage>[1]): RenderedMessage {
  const r = renderMessage(t, view);
  if (!r.ok) throw new AppError('user_input', `template: ${r.error.map((p) => p.message).join('; ')}`);
  return r.value;
}

function candidateOf(
  planned: PlannedAccount,
  facts: OutreachFacts,
  contacts: OutreachCandidate['contacts'],
): OutreachCandidate {
  const a = planned.account;
  return {
    customerId: a.customerId,
    code: a.code,
    name: a.name,
    language: facts.language,
    optedOut: facts.optedOut,
    step: planned.treatment.step,
    brokenPromises: facts.brokenRecent,
    escalated: planned.treatment.escalated,
    pendingPromiseOn: facts.pendingPromiseOn,
    creditHold: facts.creditHold,
    calledToday: facts.calledToday,
    contacts,
    invoices: facts.invoices,
  };
}

/** The start and end of a calendar day in a time zone, as ISO instants. */
export function dayBounds(asOf: IsoDate, timeZone: string) {
  return { start: endOfDayIn(addDays(asOf, -1), timeZone), end: endOfDayIn(asOf, timeZone) };
}

export async function planOutreachBatch(
  deps: AppDeps,
  options: { asOf?: IsoDate | undefined; templatesDir?: string | undefined } = {},
): Promise<OutreachBatch> {
  const sql = deps.store.sql;
  const set = await planAutomatedTier(deps, options.asOf ? { asOf: options.asOf } : {});
  const policy = await readSettings(sql, policySettings);
  const settings = await readSettings(sql, outreachSettings);
  const [holder] = await readSheetHolders(sql);
  const ids = set.accounts.map((p) => p.account.customerId);
  const facts = await readOutreachFacts(
    sql,
    {
      asOf: set.asOf,
      ...dayBounds(set.asOf, holder?.timeZone ?? 'UTC'),
      brokenSince: addDays(set.asOf, -policy.thresholds.brokenPromiseEscalateDays),
    },
    ids,
  );
  const contacts = await readContacts(sql, ids);
  const candidates = set.accounts.flatMap((p) => {
    const f = facts.get(p.account.customerId);
    return f ? [candidateOf(p, f, contacts.get(p.account.customerId) ?? [])] : [];
  });
  const plan = planOutreach(candidates, set.asOf, {
    ladder: policy.ladder,
    preDueDays: policy.ladder.preDueReminderDays,
  });
  const template = templateCache(options.templatesDir, settings);
  const { locale } = await readMoneyDisplay(sql);
  const drafts = plan.messages.map((m): OutreachDraft => {
    const collector = facts.get(m.customerId)?.collector ?? null;
    const t = template(m.kind, m.language);
    const view = messageView({
      customer: m,
      contact: { name: m.to.name, email: m.to.email },
      invoices: m.invoices,
      totals: m.totals,
      company: settings.company,
      paymentInstructions: settings.paymentInstructions,
      signature: collector ?? { name: settings.signatureName, email: null },
      date: set.asOf,
      locale: emailLocale(t.language, locale),
    });
    return { ...m, ...rendered(t, view), collectorId: collector?.id ?? null };
  });
  return {
    asOf: set.asOf,
    drafts,
    held: plan.held,
    manual: plan.manual,
    summary: {
      emails: drafts.length,
      customers: new Set(drafts.map((d) => d.customerId)).size,
      totals: totalsByCurrency(drafts.flatMap((d) => d.invoices)),
    },
  };
}
