import { describe, expect, it } from 'vitest';
import { resolveBotAuth } from '../../../../src/adapters/teams/bot-auth.ts';
import { loadConfig } from '../../../../src/config.ts';

const APP_ID = '6d2a7c1e-4b1f-4c59-9a57-0c1f2e3d4b5a';
const config = (env: Record<string, string>) => loadConfig(env);

describe('resolveBotAuth', () => {
  it('is off when neither an app id nor the local mode is configured', () => {
    expect(resolveBotAuth(config({}), '0.0.0.0')).toBeNull();
  });

  it('runs unauthenticated only on a loopback address', () => {
    const local = config({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    expect(resolveBotAuth(local, '127.0.0.1')).toEqual({ mode: 'local', appId: '', settings: {} });
    expect(() => resolveBotAuth(local, '0.0.0.0')).toThrow(/only runs on 127\.0\.0\.1.*--host 127\.0\.0\.1/);
  });

  it('validates tokens when an app id and password are set, even with the local flag on', () => {
    const auth = resolveBotAuth(
      config({
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 's3cret',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      }),
      '0.0.0.0',
    );
    expect(auth).toMatchObject({
      mode: 'production',
      appId: APP_ID,
      settings: { MicrosoftAppPassword: 's3cret' },
    });
  });

  it.each([
    [{ MICROSOFT_APP_ID: APP_ID }, /neither MICROSOFT_APP_PASSWORD nor a certificate/],
    [
      { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'SingleTenant' },
      /needs MICROSOFT_APP_TENANT_ID/,
    ],
    [
      { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'a'.repeat(40) },
      /both MICROSOFT_APP_CERTIFICATE_THUMBPRINT and MICROSOFT_APP_CERTIFICATE_KEY_FILE/,
    ],
  ])('names the missing setting (%o)', (env, message) => {
    expect(() => resolveBotAuth(config(env), '127.0.0.1')).toThrow(message);
  });

  it('reads certificate credentials from the key file', () => {
    const env = {
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'AB'.repeat(20),
      MICROSOFT_APP_CERTIFICATE_KEY_FILE: '/keys/bot.pem',
    };
    const pem = '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n';
    const auth = resolveBotAuth(config(env), '127.0.0.1', undefined, () => pem);
    expect(auth?.settings).toMatchObject({
      CertificateThumbprint: 'AB'.repeat(20),
      CertificatePrivateKey: pem,
    });
    expect(() => resolveBotAuth(config(env), '127.0.0.1', undefined, () => 'hello')).toThrow(
      /not a PEM private key/,
    );
  });
});
