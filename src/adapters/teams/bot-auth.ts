// Which Bot Framework authentication the Teams surface runs with, decided once at boot from the
// configuration: production (tokens validated, replies signed with the app's password or
// certificate) or the explicit local mode (no tokens; only on a loopback address).
import { readFileSync } from 'node:fs';
import type { Config } from '../../config.ts';
import { UserError } from '../../shared/errors.ts';

/**
 * Where Bot Framework tokens come from and go to. Production uses Microsoft's public cloud; tests
 * point every one of them at local servers. botframework-connector ignores a partial override
 * (any one set means all are taken as given), so this is all or nothing.
 */
export interface BotEndpoints {
  /** OpenID metadata of the Bot Connector's token signer (login.botframework.com). */
  openIdMetadataUrl: string;
  /** `iss` claim of Bot Connector tokens. */
  tokenIssuer: string;
  /** OpenID metadata of the Emulator's signer (accepted alongside the channel's). */
  emulatorOpenIdMetadataUrl: string;
  /** Azure AD authority the bot gets its outgoing tokens from. */
  loginUrl: string;
  /** Scope of the bot's outgoing tokens. */
  oauthScope: string;
  /** Bot Framework token service (user sign-in; unused by Callsheet but required). */
  oauthUrl: string;
  /** callerId stamped on authenticated activities. */
  callerId: string;
}

export type BotAuth =
  | { mode: 'production'; appId: string; settings: Record<string, string> }
  | { mode: 'local'; appId: ''; settings: Record<string, string> };

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/**
 * The TeamsAdapter settings for this configuration, or null when Teams is not configured.
 * Throws a UserError naming the setting to fix when the configuration cannot be served safely.
 */
export function resolveBotAuth(
  config: Config,
  listenHost: string,
  endpoints?: BotEndpoints,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): BotAuth | null {
  const appId = config.MICROSOFT_APP_ID;
  if (!appId) {
    if (!config.TEAMS_ALLOW_UNAUTHENTICATED) return null;
    if (!isLoopback(listenHost)) {
      throw new UserError(
        `TEAMS_ALLOW_UNAUTHENTICATED=true accepts unsigned Teams requests, so it only runs on 127.0.0.1 (listening on ${listenHost}): use --host 127.0.0.1, or set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD`,
      );
    }
    return { mode: 'local', appId: '', settings: {} };
  }
  const settings: Record<string, string> = {
    MicrosoftAppId: appId,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
  };
  if (config.MICROSOFT_APP_TENANT_ID) settings.MicrosoftAppTenantId = config.MICROSOFT_APP_TENANT_ID;
  if (config.MICROSOFT_APP_TYPE === 'SingleTenant' && !config.MICROSOFT_APP_TENANT_ID) {
    throw new UserError(
      'MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_TENANT_ID (Azure portal → the bot’s app registration → Directory (tenant) ID)',
    );
  }
  if (config.MICROSOFT_APP_CERTIFICATE_THUMBPRINT || config.MICROSOFT_APP_CERTIFICATE_KEY_FILE) {
    const thumbprint = config.MICROSOFT_APP_CERTIFICATE_THUMBPRINT;
    const keyFile = config.MICROSOFT_APP_CERTIFICATE_KEY_FILE;
    if (!thumbprint || !keyFile) {
      throw new UserError(
        'certificate credentials need both MICROSOFT_APP_CERTIFICATE_THUMBPRINT and MICROSOFT_APP_CERTIFICATE_KEY_FILE (the PEM private key)',
      );
    }
    let key: string;
    try {
      key = readFile(keyFile);
    } catch {
      throw new UserError(
        `cannot read MICROSOFT_APP_CERTIFICATE_KEY_FILE (${keyFile}): check the path and its permissions`,
      );
    }
    if (!key.includes('PRIVATE KEY')) {
      throw new UserError(
        `MICROSOFT_APP_CERTIFICATE_KEY_FILE (${keyFile}) is not a PEM private key (no "PRIVATE KEY" block)`,
      );
    }
    settings.CertificateThumbprint = thumbprint;
    settings.CertificatePrivateKey = key;
  } else if (config.MICROSOFT_APP_PASSWORD) {
    settings.MicrosoftAppPassword = config.MICROSOFT_APP_PASSWORD;
  } else if (config.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    throw new UserError(
      'MICROSOFT_APP_ID is set but neither MICROSOFT_APP_PASSWORD nor a certificate (MICROSOFT_APP_CERTIFICATE_THUMBPRINT + MICROSOFT_APP_CERTIFICATE_KEY_FILE) is: add the client secret from the bot’s app registration',
    );
  }
  if (endpoints) {
    Object.assign(settings, {
      ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: endpoints.tokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: endpoints.emulatorOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: endpoints.loginUrl,
      ToChannelFromBotOAuthScope: endpoints.oauthScope,
      OAuthUrl: endpoints.oauthUrl,
      CallerId: endpoints.callerId,
    });
  }
  return { mode: 'production', appId, settings };
}
