// Buttons and modals: Undo and choice buttons on replies, the row buttons of a sheet (No answer
// records at once; Promised… / Dispute… / Note… open a prefilled modal whose submission goes
// through the core), and Acknowledge / Snooze 7 days on alerts, which update the message in place.
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Reply } from '../../app/reply.ts';
import { ALERT_ACTIONS, alertMessage } from '../../views/slack/alert-blocks.ts';
import {
  OUTCOME_FIELDS,
  OUTCOME_MODAL_CALLBACK,
  type OutcomeKind,
  outcomeModal,
} from '../../views/slack/outcome-modal.ts';
import { COMMAND_ACTION_PREFIX, replyBlocks, UNDO_ACTION } from '../../views/slack/reply-blocks.ts';
import { ROW_ACTIONS, type RowRef } from '../../views/slack/sheet-blocks.ts';
import { within } from './answer-in-time.ts';
import { failedRequestReply, requestKey, type SlackHandlerContext } from './handler-context.ts';
import { submissionText } from './outcome-submission.ts';
import { replyMessages, toSlack } from './slash-commands.ts';

type ButtonBody = BlockAction<ButtonAction>;

const MODAL_KINDS: Record<string, OutcomeKind> = {
  [ROW_ACTIONS.promised]: 'promised',
  [ROW_ACTIONS.dispute]: 'dispute',
  [ROW_ACTIONS.note]: 'note',
};

function parseRow(value: string | undefined): RowRef | null {
  try {
    const r = JSON.parse(value ?? '') as RowRef;
    return typeof r.c === 'string' && typeof r.n === 'string' ? r : null;
  } catch {
    return null;
  }
}

const actionKey = (body: ButtonBody) => {
  const a = body.actions[0];
  return requestKey('action', a ? `${body.user.id}:${a.action_ts}:${a.action_id}` : undefined, body);
};

export function registerInteractivity(app: App, ctx: SlackHandlerContext): void {
  const safely = async (what: string, respond: RespondFn, task: () => Promise<void>) => {
    try {
      await task();
    } catch (err) {
      const reply = failedRequestReply(ctx, err, { what });
      await respond({ ...toSlack(replyBlocks(reply)), replace_original: false }).catch(() => {});
    }
  };

  const runAndRespond = (
    body: ButtonBody,
    respond: RespondFn,
    command: string,
    text: string,
    replace: boolean,
  ) =>
    ctx.background.run(() =>
      safely(command, respond, async () => {
        const reply = await ctx.core.runCommand({
          command,
          text,
          user: { platform: 'slack', id: body.user.id },
          idempotencyKey: actionKey(body),
        });
        const [first, ...more] = replyMessages(reply);
        await respond({ ...first, replace_original: replace });
        for (const m of more.slice(0, 4)) await respond({ ...m, replace_original: false });
      }),
    );

  app.action<ButtonBody>(UNDO_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    runAndRespond(body, respond, 'undo', action.value ?? '', true);
  });

  app.action<ButtonBody>(new RegExp(`^${COMMAND_ACTION_PREFIX}`), async ({ ack, body, action, respond }) => {
    await ack();
    const [command = 'help', ...rest] = (action.value ?? '').trim().replace(/^\//, '').split(/\s+/);
    runAndRespond(body, respond, command, rest.join(' '), true);
  });

  app.action<ButtonBody>(ROW_ACTIONS.noAnswer, async ({ ack, body, action, respond }) => {
    await ack();
    const row = parseRow(action.value);
    if (!row) return;
    runAndRespond(body, respond, 'logcall', `${row.c} no answer`, false);
  });

  app.action<ButtonBody>(
    new RegExp(`^(${ROW_ACTIONS.promised}|${ROW_ACTIONS.dispute}|${ROW_ACTIONS.note})$`),
    async ({ ack, body, action, respond }) => {
      await ack();
      const row = parseRow(action.value);
      const kind = MODAL_KINDS[action.action_id];
      if (!row || !kind) return;
      // trigger_id expires 3 s after the click: open the modal now, not in the background.
      await safely('views.open', respond, async () => {
        await ctx.caller.call('views.open', {
          trigger_id: body.trigger_id,
          view: outcomeModal(kind, row, body.channel?.id ?? body.container?.channel_id),
        });
      });
    },
  );

  for (const [actionId, change] of [
    [ALERT_ACTIONS.acknowledge, 'acknowledge'],
    [ALERT_ACTIONS.snooze, 'snooze'],
  ] as const) {
    app.action<ButtonBody>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      ctx.background.run(() =>
        safely(actionId, respond, async () => {
          const result = await ctx.core.pressAlertButton({
            user: { platform: 'slack', id: body.user.id },
            alertId: action.value,
            button: change,
          });
          if (!result.ok) {
            await respond({ ...toSlack(replyBlocks(result.error)), replace_original: false });
            return;
          }
          const channel = body.channel?.id ?? String(body.container?.channel_id ?? '');
          const ts = body.message?.ts ?? String(body.container?.message_ts ?? '');
          const message = alertMessage(result.value);
          await ctx.caller.call('chat.update', { channel, ts, text: message.text, blocks: message.blocks });
        }),
      );
    });
  }

  app.view(OUTCOME_MODAL_CALLBACK, async ({ ack, body, view }) => {
    const parsed = submissionText(
      view.private_metadata,
      view.state.values as Parameters<typeof submissionText>[1],
    );
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const userId = body.user.id;
    const work = ctx.core
      .runCommand({
        command: 'logcall',
        text: parsed.text,
        user: { platform: 'slack', id: userId },
        idempotencyKey: requestKey('view', view.id, body),
      })
      .catch((err: unknown): Reply => failedRequestReply(ctx, err, { what: 'modal submission' }));
    const outcome = await within(work, ctx.ackBudgetMs);
    if (outcome.done && outcome.value.tone === 'error') {
      // Keep the modal open and say what to fix, next to the note (every kind has one).
      await ack({
        response_action: 'errors',
        errors: { [OUTCOME_FIELDS.note]: outcome.value.title.slice(0, 300) },
      });
      return;
    }
    await ack();
    const channel = parsed.metadata.channelId;
    ctx.background.run(async () => {
      const reply = outcome.done ? outcome.value : await outcome.later;
      const message = replyBlocks(reply);
      if (channel) {
        await ctx.caller.call('chat.postEphemeral', {
          channel,
          user: userId,
          text: message.text,
          blocks: message.blocks,
        });
      } else {
        await ctx.caller.call('chat.postMessage', {
          channel: userId,
          text: message.text,
          blocks: message.blocks,
        });
      }
    });
  });
}
