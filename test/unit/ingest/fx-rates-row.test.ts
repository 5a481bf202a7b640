import { describe, expect, it } from 'vitest';
import { entityFromFileName, SPECS } from '../../../src/ingest/entities.ts';
import { converter } from '../../../src/ingest/row-schema.ts';

const rate = SPECS.fx_rates.fields.find((f) => f.name === 'rate')!;

describe('the fx_rates import entity', () => {
  it('is found by its file name', () => {
    expect(entityFromFileName('fx_rates.csv')).toBe('fx_rates');
    expect(entityFromFileName('FX rates 2027.csv')).toBe('fx_rates');
    expect(entityFromFileName('fx-rate.csv')).toBe('fx_rates');
  });

  it.each([
    ['1.0825', '1.0825'],
    ['1.08250000', '1.0825'],
    ['150', '150'],
    ['0.0066', '0.0066'],
    ['0.0000000001', '0.0000000001'],
  ])('keeps the rate %s exactly as %s', (text, value) => {
    expect(converter(rate, {})(text)).toEqual({ ok: true, value });
  });

  it('reads the decimal mark of the import locale', () => {
    expect(converter(rate, { locale: 'de' })('1,0825')).toEqual({ ok: true, value: '1.0825' });
  });

  it.each([
    ['0', /above 0/],
    ['-1.1', /above 0/],
    ['1.00000000001', /more than 10 decimal places/],
    ['abc', /not an amount/],
  ])('refuses %s, saying why', (text, reason) => {
    const result = converter(rate, {})(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
