// The publisher of last resort: when neither Slack nor Teams is configured, digests and alerts are
// printed (to the output of `callsheet serve`, or the terminal of `callsheet digest`).
import { rollupText } from '../../app/alert-model.ts';
import type { ChatPublisher, PostResult } from '../../app/publisher.ts';
import { alertText } from '../../views/console/alert-text.ts';
import { sheetText, teamText } from '../../views/console/sheet-text.ts';

export function createConsolePublisher(write: (text: string) => void): ChatPublisher {
  const post = async (text: string, target: string): Promise<PostResult> => {
    write(text.endsWith('\n') ? text : `${text}\n`);
    return { delivered: true, target };
  };
  return {
    platform: 'console',
    postSheet: (sheet) => post(sheetText(sheet), `console:${sheet.collector.code}`),
    postSummary: (summary) => post(teamText(summary, []), 'console:team'),
    postAlert: (alert) => post(alertText(alert), 'console:alerts'),
    postAlertRollup: (rollup) => post(rollupText(rollup), 'console:alerts'),
  };
}
