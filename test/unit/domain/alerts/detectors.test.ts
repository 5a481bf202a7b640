import { describe, expect, it } from 'vitest';
import { detectBrokenPromises, type PromiseFact } from '../../../../src/domain/alerts/broken-promise.ts';
import {
  type CreditExposure,
  detectCreditLimitBreaches,
} from '../../../../src/domain/alerts/credit-limit.ts';
import {
  detectNewCustomerLargeOrders,
  type NewCustomerOrder,
} from '../../../../src/domain/alerts/new-customer-large-order.ts';
import {
  detectSlowingPayments,
  type PayingCustomer,
} from '../../../../src/domain/alerts/slowing-payments.ts';
import { alertThresholdsSchema } from '../../../../src/domain/alerts/thresholds.ts';
import { type CustomerOrder, detectUnusualOrders } from '../../../../src/domain/alerts/unusual-order.ts';

const T = alertThresholdsSchema.parse({});
const ASOF = '2027-05-28';
const customer = { id: 7, code: 'ACME', name: 'Acme Corp' };

describe('large order from a new customer', () => {
  const order = (over: Partial<NewCustomerOrder> = {}): NewCustomerOrder => ({
    orderId: 1,
    number: 'SO-1',
    orderDate: ASOF,
    amountCents: 9_000_000,
    customer,
    firstOrderOn: '2027-04-01',
    peerMedianCents: 1_000_000,
    peerCount: 12,
    peerScope: 'Construction, Midwest',
    historyCents: [400_000, 9_000_000],
    ...over,
  });

  it('fires at max(floor, k × peer median) and names the order and the peers', () => {
    const [alert] = detectNewCustomerLargeOrders([order()], ASOF, T);
    expect(alert).toMatchObject({
      kind: 'new_customer_large_order',
      fingerprint: 'new_customer_large_order:order:1',
      severity: 'critical',
      numbers: { amountCents: 9_000_000, peerMedianCents: 1_000_000, thresholdCents: 3_000_000, ratio: 9 },
    });
    expect(alert?.message).toContain(
      '9.0× the median first order of comparable customers ($10,000.00; Construction, Midwest, 12 customers)',
    );
  });

  it.each([
    ['below k × the peer median', { amountCents: 2_999_999 }],
    ['below the floor even when peers are tiny', { amountCents: 2_000_000, peerMedianCents: 10_000 }],
    ['a customer whose first order is older than 90 days', { firstOrderOn: '2027-02-26' }],
  ])('stays silent for %s', (_what, over) => {
    expect(detectNewCustomerLargeOrders([order(over)], ASOF, T)).toEqual([]);
  });

  it('uses the floor when the peer median is small', () => {
    const [alert] = detectNewCustomerLargeOrders(
      [order({ amountCents: 2_500_000, peerMedianCents: 10_000 })],
      ASOF,
      T,
    );
    expect(alert?.numbers.thresholdCents).toBe(2_500_000);
  });
});

describe('unusual order', () => {
  const steady = [100_000, 110_000, 95_000, 105_000, 98_000, 102_000, 120_000, 90_000];
  const order = (amountCents: number, historyCents = steady): CustomerOrder => ({
    orderId: 9,
    number: 'SO-9',
    orderDate: ASOF,
    amountCents,
    customer,
    historyCents,
  });
  const t = { ...T, unusualOrder: { ...T.unusualOrder, minAmountDollars: 0 } };

  it('fires above median + z × MAD and 3 × the median', () => {
    const [alert] = detectUnusualOrders([order(1_200_000)], ASOF, t);
    expect(alert?.numbers).toMatchObject({ medianCents: 101_000, ratio: 11.9, historyOrders: 8 });
    expect(alert?.severity).toBe('critical');
    expect(alert?.sparkline.at(-1)).toBe('▇');
  });

  it('ignores one past spike thanks to the median (robust baseline)', () => {
    const spiky = [...steady.slice(0, 7), 5_000_000];
    expect(detectUnusualOrders([order(250_000, spiky)], ASOF, t)).toEqual([]);
    expect(detectUnusualOrders([order(400_000, spiky)], ASOF, t)).toHaveLength(1);
  });

  it.each([
    ['too little history', order(1_200_000, steady.slice(0, 3)), t],
    ['below the minimum amount', order(900_000), T],
    ['within the customer’s habit', order(250_000), t],
  ])('stays silent with %s', (_what, o, thresholds) => {
    expect(detectUnusualOrders([o], ASOF, thresholds)).toEqual([]);
  });
});

describe('slowing payments', () => {
  const payer = (recentDays: number, over: Partial<PayingCustomer> = {}): PayingCustomer => ({
    customer,
    recentDays,
    recentCount: 4,
    stillOpen: 0,
    baselineDays: 35,
    baselineCount: 12,
    salesCents: 50_000_000,
    monthlyDays: [34, 35, 36, 35, 34, 35, 36, 38, 42, 47, 52, 55],
    ...over,
  });

  it('fires when ≥ 10 days and ≥ 25% slower than its own baseline', () => {
    const [alert] = detectSlowingPayments([payer(50)], ASOF, T);
    expect(alert).toMatchObject({
      fingerprint: 'slowing_payments:customer:7:2027-Q2',
      severity: 'warning',
      numbers: { daysSlower: 15, pctSlower: 43 },
    });
    expect(alert?.sparkline).toMatch(/^▁.*▇$/);
  });

  it.each([
    ['not enough days slower', payer(44)],
    ['enough days but not enough percent (a 60-day payer)', payer(72, { baselineDays: 60 })],
    ['too few payments', payer(60, { recentCount: 1 })],
    ['paying faster', payer(20)],
    ['recent invoices totalling $0 (no days-to-pay)', payer(Number.NaN)],
  ])('stays silent: %s', (_what, p) => {
    expect(detectSlowingPayments([p], ASOF, T)).toEqual([]);
  });

  it('says how many invoices are still open past the usual time', () => {
    const [alert] = detectSlowingPayments([payer(80, { stillOpen: 2 })], ASOF, T);
    expect(alert?.severity).toBe('critical');
    expect(alert?.message).toContain('2 still open');
  });
});

describe('broken promise', () => {
  const promise = (over: Partial<PromiseFact> = {}): PromiseFact => ({
    promiseId: 3,
    customer,
    status: 'open',
    amountCents: 500_000,
    currency: 'USD',
    promisedOn: '2027-05-10',
    dueOn: '2027-05-20',
    coveredCents: 0,
    brokenBefore: 1,
    recentPromisesCents: [500_000],
    ...over,
  });

  it.each([
    ['marked broken', promise({ status: 'broken' }), 1],
    ['open past date + grace, not covered', promise({ coveredCents: 200_000 }), 1],
    ['open and covered', promise({ coveredCents: 500_000 }), 0],
    ['still within grace', promise({ dueOn: '2027-05-26' }), 0],
    ['too long ago', promise({ dueOn: '2027-01-02', status: 'broken' }), 0],
  ])('%s → %i alert(s)', (_what, p, n) => {
    expect(detectBrokenPromises([p], ASOF, T)).toHaveLength(n);
  });

  it('is critical for a repeat offender', () => {
    expect(detectBrokenPromises([promise({ brokenBefore: 2 })], ASOF, T)[0]?.severity).toBe('critical');
  });

  it('writes the amounts in the promise’s currency', () => {
    const [alert] = detectBrokenPromises([promise({ currency: 'EUR', coveredCents: 200_000 })], ASOF, T);
    expect(alert?.title).toContain('promised €5,000.00 by');
    expect(alert?.message).toContain('€2,000.00 received');
  });

  it('writes them the company’s way: a dollar promise in a German company', () => {
    const display = { base: 'EUR', locale: 'de-DE' };
    const [alert] = detectBrokenPromises([promise({ currency: 'USD' })], ASOF, T, display);
    expect(alert?.title).toContain('promised 5.000,00\u00a0$ by');
  });
});

describe('credit limit', () => {
  const exposure = (
    openArCents: number,
    openOrdersCents: number,
    latestOpenOrderId: number | null = 4,
  ): CreditExposure => ({
    customer,
    limitCents: 10_000_000,
    openArCents,
    openOrdersCents,
    latestOpenOrderId,
    monthlyInvoicedCents: [1, 2, 3],
  });

  it('fires when open AR + open orders exceed the limit beyond the tolerance', () => {
    const [alert] = detectCreditLimitBreaches([exposure(9_000_000, 3_000_000)], ASOF, T);
    expect(alert).toMatchObject({
      severity: 'critical',
      fingerprint: 'credit_limit:customer:7:limit:10000000:order:4',
      numbers: { exposureCents: 12_000_000, overCents: 2_000_000, overPct: 20 },
    });
    expect(detectCreditLimitBreaches([exposure(9_000_000, 1_000_000)], ASOF, T)).toEqual([]);
    expect(detectCreditLimitBreaches([exposure(9_000_000, 1_500_000)], ASOF, T)).toEqual([]);
    expect(detectCreditLimitBreaches([exposure(9_000_000, 1_600_000)], ASOF, T)[0]?.severity).toBe('warning');
  });

  it('treats a new order pushing it over again as a new fact', () => {
    const a = detectCreditLimitBreaches([exposure(9_000_000, 3_000_000, 4)], ASOF, T)[0];
    const b = detectCreditLimitBreaches([exposure(9_000_000, 4_000_000, 5)], ASOF, T)[0];
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });
});
