// Bolt and its Web API client log through our pino logger, as structured lines under
// `component: "slack"`. What they log is scrubbed like everything else (shared/log-scrub.ts).
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import { scrubForLog } from '../../shared/log-scrub.ts';
import type { Logger } from '../../shared/logger.ts';

// Objects are scrubbed before they become text: Bolt logs requests and responses as they come.
const toText = (parts: unknown[]) =>
  parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(scrubForLog(p))))
    .join(' ');

export function boltLogger(log: Logger): SlackLogger {
  const child = log.child({ component: 'slack' });
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => child.debug(toText(msg)),
    info: (...msg) => child.info(toText(msg)),
    warn: (...msg) => child.warn(toText(msg)),
    error: (...msg) => child.error(toText(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
