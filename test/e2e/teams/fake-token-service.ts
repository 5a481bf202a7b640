// A local Bot Framework token signer: OpenID metadata and a JWKS (key endorsed for msteams), and
// a way to mint the JWTs the Bot Connector would attach to its requests.
import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotEndpoints } from '../../../src/adapters/teams/bot-auth.ts';

export const TOKEN_ISSUER = 'https://api.botframework.com';

export interface FakeTokenService {
  endpoints: BotEndpoints;
  /** A token as the Bot Connector signs it for this bot, service URL and time. */
  mint(
    claims: { aud: string; serviceUrl: string; expiresIn?: number; issuer?: string },
    key?: 'trusted' | 'stranger',
  ): string;
  close(): Promise<void>;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function sign(privateKey: KeyObject, kid: string, payload: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(payload));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey);
  return `${head}.${body}.${b64url(signature)}`;
}

export async function startFakeTokenService(): Promise<FakeTokenService> {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'fake-signing-key';
  const jwk = trusted.publicKey.export({ format: 'jwk' });
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') {
      res.end(
        JSON.stringify({
          issuer: TOKEN_ISSUER,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      res.end(
        JSON.stringify({
          keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoints: {
      openIdMetadataUrl: `${base}/openid`,
      tokenIssuer: TOKEN_ISSUER,
      emulatorOpenIdMetadataUrl: `${base}/openid`,
      loginUrl: `${base}/login`,
      oauthScope: 'https://api.botframework.com',
      oauthUrl: `${base}/oauth`,
      callerId: 'urn:botframework:azure',
    },
    mint({ aud, serviceUrl, expiresIn = 600, issuer = TOKEN_ISSUER }, key = 'trusted') {
      const now = Math.floor(Date.now() / 1000);
      const signer = key === 'trusted' ? trusted.privateKey : stranger.privateKey;
      return sign(signer, kid, {
        iss: issuer,
        aud,
        serviceurl: serviceUrl,
        nbf: now - 60,
        exp: now + expiresIn,
        jti: randomUUID(),
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
