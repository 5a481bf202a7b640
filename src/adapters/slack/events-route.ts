// The /slack/events endpoint in front of Bolt's receiver. Slack only POSTs there: anything else is
// a 405 (Bolt would throw an "unhandled request" error carrying the whole request, headers and
// all). Slack's signing rule is "within five minutes", both ways; Bolt refuses a stale timestamp
// but takes one from the future, so a captured request could be replayed for as long as its
// sender chose. Those are refused here, before the body is read.
import type { HTTPReceiver } from '@slack/bolt';
import type { RouteHandler } from '../../server/http-server.ts';
import type { Logger } from '../../shared/logger.ts';

/** How far a request's timestamp may be from our clock, either way (Slack's own rule). */
export const SLACK_TIMESTAMP_WINDOW_SECONDS = 5 * 60;

export function slackEventsRoute(
  receiver: HTTPReceiver,
  log: Pick<Logger, 'warn'>,
  nowMs: () => number = Date.now,
): RouteHandler {
  return (req, res) => {
    if (req.method !== 'POST') {
      req.resume();
      res
        .writeHead(405, { allow: 'POST', 'content-type': 'application/json' })
        .end('{"error":"Slack POSTs its events here; other methods are not served"}');
      return;
    }
    const stamp = Number(req.headers['x-slack-request-timestamp']);
    const ahead = stamp - nowMs() / 1000;
    if (Number.isFinite(stamp) && ahead > SLACK_TIMESTAMP_WINDOW_SECONDS) {
      req.resume();
      log.warn(
        { aheadSeconds: Math.round(ahead) },
        'rejected a Slack request dated in the future (401): replayed, or this server’s clock is behind (check NTP)',
      );
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error":"request timestamp out of range"}');
      return;
    }
    receiver.requestListener(req, res);
  };
}
