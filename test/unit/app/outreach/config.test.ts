import { describe, expect, it } from 'vitest';
import { domainOf } from '../../../../src/app/outreach/mailer.ts';
import { ConfigError, loadConfig } from '../../../../src/config.ts';

describe('outreach settings from the environment', () => {
  it('accepts an SMTP URL and a sender', () => {
    const c = loadConfig({
      SMTP_URL: 'smtp://u:p@mail.example.com:587',
      OUTREACH_FROM: 'AR <ar@acme.example>',
    });
    expect(c.SMTP_URL).toBe('smtp://u:p@mail.example.com:587');
    expect(domainOf(c.OUTREACH_FROM!)).toBe('acme.example');
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.com' }, /SMTP_URL must be an SMTP URL/],
    [{ OUTREACH_FROM: 'not an address' }, /OUTREACH_FROM must be an e-mail address/],
  ])('refuses %o with the fix', (env, problem) => {
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(problem);
    }
  });
});
