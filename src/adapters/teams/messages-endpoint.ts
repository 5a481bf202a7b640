// POST /api/messages on the shared node:http server: reads the JSON activity, lets the
// CloudAdapter authenticate it (Bot Framework JWT) and run the turn, and writes the invoke
// response. Rejected tokens become a 401 and a log line naming the settings to check.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity } from 'botbuilder';
import type { RouteHandler } from '../../server/http-server.ts';
import { AppError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { BotAuth } from './bot-auth.ts';
import { isLoopback } from './bot-auth.ts';
import type { TeamsBot } from './teams-bot.ts';

/** Bot Framework activities are small; anything far larger is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends AppError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('http_request', message);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(415, 'expected Content-Type: application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'activity too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** botframework-connector throws AuthenticationError (401/403), or jsonwebtoken's own errors for a bad signature. */
function isAuthFailure(err: unknown): boolean {
  const e = err as { statusCode?: unknown; name?: unknown } | null;
  return (
    e?.statusCode === 401 ||
    e?.statusCode === 403 ||
    e?.name === 'JsonWebTokenError' ||
    e?.name === 'NotBeforeError' ||
    e?.name === 'TokenExpiredError'
  );
}

export function messagesEndpoint(bot: TeamsBot, auth: BotAuth, log: Logger): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      reply(res, 405, { error: 'POST a Bot Framework activity here' });
      return;
    }
    // Local mode trusts the caller, so it must be this machine whatever address we listen on.
    if (auth.mode === 'local' && !isLoopback(req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '')) {
      reply(res, 403, { error: 'unauthenticated Teams mode only accepts requests from this machine' });
      return;
    }
    const authHeader = String(req.headers.authorization ?? '');
    if (auth.mode === 'production' && !/^Bearer \S+/i.test(authHeader)) {
      req.resume();
      log.warn('rejected a Teams request without a Bot Framework token (401)');
      reply(res, 401, { error: 'missing Bot Framework token' });
      return;
    }
    let activity: Activity;
    try {
      const body = await readJson(req);
      if (!body || typeof body !== 'object' || typeof (body as Activity).type !== 'string') {
        throw new HttpError(400, 'body is not a Bot Framework activity (no type)');
      }
      activity = body as Activity;
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 400;
      reply(res, status, { error: (err as Error).message });
      return;
    }
    try {
      const invoke = await bot.adapter.handleActivity(authHeader, activity, (context) =>
        bot.app.run(context).then(() => {}),
      );
      reply(res, invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      if (isAuthFailure(err)) {
        log.warn(
          { reason: (err as Error).message },
          'rejected a Teams request with an invalid Bot Framework token (401): if it came from Teams, check MICROSOFT_APP_ID, MICROSOFT_APP_TYPE and MICROSOFT_APP_TENANT_ID',
        );
        reply(res, 401, { error: 'invalid Bot Framework token' });
        return;
      }
      log.error({ err }, 'Teams activity failed');
      reply(res, 500, { error: 'internal error' });
    }
  };
}
