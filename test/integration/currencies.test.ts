// A two-currency company (invoices in EUR and USD, base USD, a rates file) from import to every
// view: per-currency and base totals on the console, Slack and Teams sheets, KPIs and the
// backtest in base money; the locale setting; a currency with no rate refused by name and day.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/app/backtest.ts';
import { buildCallSheets } from '../../src/app/build-call-sheets.ts';
import { changeSetting } from '../../src/app/business-settings.ts';
import { runCommand } from '../../src/app/commands/run-command.ts';
import { sheetReply } from '../../src/app/commands/sheet-reply.ts';
import { computeKpis } from '../../src/app/compute-kpis.ts';
import { importFiles } from '../../src/app/import-files.ts';
import { scanAlerts } from '../../src/app/scan-alerts.ts';
import type { SheetSet } from '../../src/app/sheet-model.ts';
import { sheetText, teamText } from '../../src/views/console/sheet-text.ts';
import { sheetMessages } from '../../src/views/slack/sheet-blocks.ts';
import { summaryMessage } from '../../src/views/slack/summary-blocks.ts';
import { sheetCards } from '../../src/views/teams/sheet-cards.ts';
import { IMPORT_ACTOR, importStore } from '../support/import-store.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/currencies');
const TODAY = '2027-05-28';
const WHO = { actor: 'tester', source: 'cli' };
const fx = importStore();

const sheets = (): Promise<SheetSet> => buildCallSheets(fx.deps(), { asOf: TODAY });
const row = (set: SheetSet, code: string) =>
  set.sheets.flatMap((s) => s.rows).find((r) => r.customer.code === code);
/** Every text a Slack message or a Teams card carries (texts, fact values), as one string. */
const texts = (value: unknown): string =>
  JSON.stringify(value)
    .match(/"(?:text|value)":"(?:[^"\\]|\\.)*"/g)
    ?.map((t) => JSON.parse(t.slice(t.indexOf(':') + 1)) as string)
    .join('\n') ?? '';
/** A Teams card's texts without the backslashes that keep Markdown from acting on them. */
const cardTexts = (value: unknown): string => texts(value).replaceAll('\\', '');

describe('a company with invoices in EUR and USD (base USD)', () => {
  it('imports the rates file and the invoices in both currencies', async () => {
    await fx.importWritten(FIXTURES);
    const rates = await fx
      .store()
      .sql.query<{ currency: string; date: string; rate: string }>(
        'SELECT currency, date::text AS date, rate::text AS rate FROM fx_rates ORDER BY date',
      );
    expect(rates.map((r) => [r.currency, r.date, r.rate])).toEqual([
      ['EUR', '2027-01-01', '1.0500000000'],
      ['EUR', '2027-05-01', '1.0800000000'],
      ['EUR', '2027-05-20', '1.1000000000'],
    ]);
    // A second import of the same files changes nothing.
    const again = await importFiles(fx.deps(), { paths: [FIXTURES], actor: IMPORT_ACTOR });
    expect(again.ok && again.value.files.every((f) => f.inserted === 0 && f.updated === 0)).toBe(true);
  });

  it('ranks and totals in base money at the latest rate on or before the day, per currency beside it', async () => {
    const set = await sheets();
    expect(set.refused).toEqual([]);
    // €12,400 × 1.10 (the 2027-05-20 rate, not the 2027-05-01 one) = $13,640.
    const euro = row(set, 'EURO')!;
    expect(euro.overdueCents).toBe(1_364_000);
    expect(euro.balances).toEqual([{ currency: 'EUR', openCents: 1_240_000, overdueCents: 1_240_000 }]);
    const mix = row(set, 'MIX')!;
    expect(mix.overdueCents).toBe(50_000 + 110_000);
    expect(mix.balances).toEqual([
      { currency: 'USD', openCents: 50_000, overdueCents: 50_000 },
      { currency: 'EUR', openCents: 100_000, overdueCents: 100_000 },
    ]);
    const sheet = set.sheets[0]!;
    expect(sheet.summary.overdueCents).toBe(1_364_000 + 310_000 + 160_000);
    expect(sheet.summary.overdueByCurrency).toEqual(
      expect.arrayContaining([
        { currency: 'EUR', cents: 1_340_000 },
        { currency: 'USD', cents: 360_000 },
      ]),
    );
    // Expected late dollars are base money too: EURO outranks YANK's $3,100.
    const ranks = sheet.rows.map((r) => r.customer.code);
    expect(ranks.indexOf('EURO')).toBeLessThan(ranks.indexOf('YANK'));
  });

  it('shows per-currency and base totals on the console, in Slack and in Teams', async () => {
    const set = await sheets();
    const sheet = set.sheets[0]!;
    const console = sheetText(sheet);
    expect(console).toContain('$3,600 + €13,400 (= $18,340) overdue');
    expect(console).toContain('€12k (= $14k)');
    expect(teamText(set.summary, set.sheets)).toContain('$3,600 + €13,400 (= $18,340)');

    const slack = texts(sheetMessages(sheet));
    expect(slack).toContain('$3,600.00 + €13,400.00 (= $18,340.00) overdue');
    expect(slack).toContain('*€12,400.00 (= $13,640.00)* overdue');
    expect(slack).toContain('*$500.00 + €1,000.00 (= $1,600.00)* overdue');
    expect(texts(summaryMessage(set.summary))).toContain('$3,600.00 + €13,400.00 (= $18,340.00)');
    // The chat reply to `sheet` (every surface's command) lists money the same way.
    const reply = sheetReply(sheet);
    expect(reply.title).toContain('$3,600.00 + €13,400.00 (= $18,340.00) overdue');
    expect(reply.table?.rows.map((r) => r[2])).toContain('€12,400.00 (= $13,640.00)');

    const teams = cardTexts(sheetCards(sheet));
    expect(teams).toContain('$3,600.00 + €13,400.00 (= $18,340.00)');
    expect(teams).toContain('€12,400.00 (= $13,640.00)');
    expect(teams).toContain('$500.00 + €1,000.00 (= $1,600.00)');
  });

  it("shows an account's money per currency, never one sum", async () => {
    const reply = await runCommand(fx.deps(), {
      command: 'callsheet',
      text: 'account MIX',
      user: { platform: 'console', id: 'ana' },
      idempotencyKey: 'account-mix',
    });
    expect(reply.title).toBe(
      'Mixed Trading Ltd (MIX): $500.00 + €1,000.00 open, $500.00 + €1,000.00 overdue',
    );
  });

  it('reports KPIs in base money: receivables at the rate of the day they are reported for', async () => {
    const kpis = await computeKpis(fx.deps(), { month: '2027-05', today: TODAY });
    expect(kpis.ok).toBe(true);
    if (!kpis.ok) return;
    expect(kpis.value.display.base).toBe('USD');
    // €13,400 × 1.10 + $3,100 + $500 + $800
    expect(kpis.value.months[0]!.team.arCents).toBe(1_474_000 + 310_000 + 50_000 + 80_000);
  });

  it('backtests in base money: at-risk money valued at the rate of the day each balance began', async () => {
    const result = await runBacktest(fx.deps(), { from: '2027-05-10', to: '2027-05-10', capacity: 5 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.base).toBe('USD');
    const day = result.value.policies[0]!.daily[0]!;
    // Went late (more than 30 days past due by the last observed day): U-1 $3,100, M-2 $500 and
    // M-1 €1,000 at 1.05, the rate of 2027-03-15 when its balance began (E-1's fate is not known yet).
    expect(day.atRiskCents).toBe(310_000 + 50_000 + 105_000);
    expect(day.coveredCents).toBe(day.atRiskCents);
  });

  it('checks alert thresholds in base money: €12,400 is over a $12,500 credit limit at 1.10', async () => {
    const scan = await scanAlerts(fx.deps(), { asOf: TODAY });
    const limit = scan.created.filter((a) => a.kind === 'credit_limit');
    expect(limit.map((a) => a.customer?.code)).toEqual(['EURO']);
    // $13,640 is 109% of the limit; €12,400 taken as dollars would be under it.
    expect(limit[0]!.title).toContain('109% of $12,500.00');
  });

  it('writes numbers and dates in the locale setting (de-DE: 12.400,00 €)', async () => {
    await changeSetting(fx.store().sql, 'company.locale', 'de-DE', WHO);
    try {
      const set = await sheets();
      const slack = texts(sheetMessages(set.sheets[0]!));
      expect(slack).toContain('12.400,00\u00a0€ (= 13.640,00\u00a0$)');
      expect(slack).toContain('28.05.2027');
      expect(cardTexts(sheetCards(set.sheets[0]!))).toContain(
        '3.600,00\u00a0$ + 13.400,00\u00a0€ (= 18.340,00\u00a0$)',
      );
    } finally {
      await changeSetting(fx.store().sql, 'company.locale', 'en-US', WHO);
    }
  });

  it('refuses a base currency or locale that is not a real one, naming the rule', async () => {
    await expect(changeSetting(fx.store().sql, 'company.baseCurrency', 'EURO', WHO)).rejects.toThrow(
      /ISO 4217/,
    );
    await expect(changeSetting(fx.store().sql, 'company.locale', 'no such tag', WHO)).rejects.toThrow(
      /BCP 47/,
    );
  });

  it('leaves an account in a currency with no rate off the sheets with a line naming currency and day; the rest go out', async () => {
    fx.file('gbp/customers.csv', 'code,name,terms_days,collector\nBRIT,British Parts plc,30,ana\n');
    fx.file(
      'gbp/invoices.csv',
      'number,customer,issue_date,due_date,amount,currency\nG-1,BRIT,2027-04-01,2027-05-01,9000.00,GBP\n',
    );
    await fx.importWritten(fx.path('gbp'));

    const set = await sheets();
    expect(row(set, 'BRIT')).toBeUndefined();
    expect(row(set, 'EURO')?.overdueCents).toBe(1_364_000);
    const refusal =
      '1 account left off (BRIT): no GBP rate on or before 2027-05-28 (base currency USD); import an fx_rates file with a GBP rate dated 2027-05-28 or earlier';
    expect(set.refused).toEqual([refusal]);
    expect(sheetText(set.sheets[0]!)).toContain(refusal);
    // Slack's escaping keeps `fx_rates` from turning italic with a zero-width space.
    expect(texts(sheetMessages(set.sheets[0]!)).replaceAll('\u200b', '')).toContain(refusal);
    expect(cardTexts(sheetCards(set.sheets[0]!))).toContain(refusal);
    expect(set.summary.notes).toContain(refusal);

    const kpis = await computeKpis(fx.deps(), { month: '2027-05', today: TODAY });
    expect(kpis).toEqual({
      ok: false,
      error: {
        code: 'missing_rate',
        message:
          'no GBP rate on or before 2027-04-01 (base currency USD); import an fx_rates file with a GBP rate dated 2027-04-01 or earlier',
      },
    });
    const backtest = await runBacktest(fx.deps(), { from: '2027-05-10', to: '2027-05-10', capacity: 5 });
    expect(!backtest.ok && backtest.error.code).toBe('missing_rate');

    // A rate fixes it: the account comes back, in base money.
    fx.file('gbp-rate/fx_rates.csv', 'date,currency,rate\n2027-03-31,GBP,1.25\n');
    await importFiles(fx.deps(), { paths: [fx.path('gbp-rate')], actor: IMPORT_ACTOR });
    const fixed = await sheets();
    expect(fixed.refused).toEqual([]);
    expect(row(fixed, 'BRIT')?.overdueCents).toBe(1_125_000);
  });
});
