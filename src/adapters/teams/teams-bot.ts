// The Teams bot: teams-ai routing on botbuilder's CloudAdapter. It translates Teams activities
// (messages, card submits, Action.Execute invokes, installs) into command-core calls and renders
// the answers as Adaptive Cards. No business rules here.

import {
  AdaptiveCardActionExecuteResponseType,
  Application,
  TeamsAdapter,
  type TurnState,
} from '@microsoft/teams-ai';
import {
  type Activity,
  CardFactory,
  type ConversationReference,
  type InvokeResponse,
  MessageFactory,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { failureReply } from '../../app/commands/replies.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { OutreachChatOptions } from '../../app/outreach/approve-batch.ts';
import type { Reply } from '../../app/reply.ts';
import { reportFailure } from '../../app/report-failure.ts';
import { todayIn } from '../../domain/calendar.ts';
import type { Logger } from '../../shared/logger.ts';
import type { AdaptiveCard } from '../../views/teams/adaptive-card.ts';
import { ALERT_VERBS, alertCard } from '../../views/teams/alert-card.ts';
import { logFormCard } from '../../views/teams/log-form-card.ts';
import { REPLY_VERBS, replyCard } from '../../views/teams/reply-card.ts';
import { SHEET_VERBS, sheetCards } from '../../views/teams/sheet-cards.ts';
import type { BotAuth } from './bot-auth.ts';
import { logcallFromForm, parseMessage } from './command-text.ts';
import { conversationRoot, removeBinding, saveBinding, tenantOf } from './conversation-refs.ts';
import { aadObjectId, identifyCollector, type TeamsCollector } from './identify-collector.ts';
import { registerOutreachSubmit } from './outreach-submit.ts';
import type { TeamsCore } from './teams-core.ts';

/** CloudAdapter whose activity entry point our own HTTP handler can call. */
export class CallsheetTeamsAdapter extends TeamsAdapter {
  handleActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export interface TeamsBot {
  adapter: CallsheetTeamsAdapter;
  app: Application<TurnState>;
  appId: string;
  /** Sends cards to a stored conversation; returns the new message ids. */
  sendCards(reference: Partial<ConversationReference>, cards: AdaptiveCard[]): Promise<string[]>;
}

export interface TeamsBotOptions {
  /** The mail set-up for the outreach approval buttons, when configured. */
  outreach?: OutreachChatOptions;
  deps: AppDeps;
  core: TeamsCore;
  auth: BotAuth;
  log: Logger;
}

const BIND_PURPOSES = ['alerts', 'digests'] as const;

export function cardActivity(c: AdaptiveCard): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(c));
  if (c.fallbackText) activity.summary = c.fallbackText;
  return activity;
}

function unknownUserReply(aad: string | null): Reply {
  return {
    tone: 'warning',
    title: 'I don’t know you yet, so I can’t log calls for you.',
    lines: [
      aad
        ? `Ask your manager to add your Teams user id ${aad} to your collector record (teams_user_id in collectors.csv, then \`callsheet import\`), or to use the same e-mail as in Teams.`
        : 'Your Teams account has no Azure AD object id, which Callsheet uses to recognise collectors.',
    ],
    private: true,
  };
}

export function createTeamsBot(options: TeamsBotOptions): TeamsBot {
  const { deps, core, auth, log } = options;
  const adapter = new CallsheetTeamsAdapter(auth.settings);
  const app = new Application<TurnState>({
    adapter,
    ...(auth.appId ? { botAppId: auth.appId } : {}),
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
    adaptiveCards: { actionExecuteResponseType: AdaptiveCardActionExecuteResponseType.REPLACE_FOR_ALL },
  });
  adapter.onTurnError = async (context, err) => {
    reportFailure(log, err, { activityType: context.activity.type }, 'Teams turn failed');
    if (context.activity.type === 'message') {
      await context.sendActivity(cardActivity(replyCard(failureReply(err)))).catch(() => {});
    }
  };

  const send = (context: TurnContext, c: AdaptiveCard) => context.sendActivity(cardActivity(c));

  // What this process last stored per conversation: a message from a known place skips the write.
  // Only an optimisation (another replica may write again); what matters is the service URL and
  // the collector, so a change in either is stored at once.
  const stored = new Map<string, string>();

  /** Records where this conversation is, so sheets and alerts can be posted to it later. */
  async function remember(
    context: TurnContext,
    collector: TeamsCollector | null,
    force = false,
  ): Promise<void> {
    const activity = context.activity;
    const ref = TurnContext.getConversationReference(activity);
    const tenantId = tenantOf(ref, activity.channelData);
    const personal = activity.conversation?.conversationType === 'personal';
    if (personal && !collector) return;
    const purpose = personal ? 'dm' : 'team';
    const key = `${purpose}|${tenantId}|${conversationRoot(ref).conversation?.id}`;
    const value = `${ref.serviceUrl}|${personal ? collector?.id : ''}`;
    if (!force && stored.get(key) === value) return;
    await saveBinding(deps, {
      purpose,
      ref,
      tenantId,
      collectorId: personal ? (collector?.id ?? null) : null,
      actor: collector?.code ?? 'teams',
    });
    if (stored.size > 50_000) stored.clear();
    stored.set(key, value);
  }

  async function run(
    context: TurnContext,
    collector: TeamsCollector,
    command: string,
    text: string,
    key: string,
  ) {
    const reply = await core.runCommand(deps, {
      command,
      text,
      user: { platform: 'teams', id: aadObjectId(context) ?? collector.code },
      idempotencyKey: key,
    });
    return replyCard(reply);
  }

  /** Identifies the sender and refreshes the conversation; answers unknown users itself. */
  async function sender(context: TurnContext): Promise<TeamsCollector | null> {
    const collector = await identifyCollector(deps, context, log);
    await remember(context, collector);
    if (!collector) await send(context, replyCard(unknownUserReply(aadObjectId(context))));
    return collector;
  }

  // The core prefixes keys with the platform. A typed line records once per Teams activity (Teams
  // retries with the same id); a card button once per card and button, however often pressed.
  const keyOf = (context: TurnContext) => `${context.activity.conversation?.id}:${context.activity.id}`;
  const buttonKeyOf = (context: TurnContext, button: string) =>
    context.activity.replyToId
      ? `card:${context.activity.conversation?.id}:${context.activity.replyToId}:${button}`
      : keyOf(context);

  // Card buttons first: an Action.Submit arrives as a message with a value and no text.
  registerOutreachSubmit(app, deps, options.outreach);
  app.adaptiveCards.actionSubmit(REPLY_VERBS.command, async (context, _state, data) => {
    const collector = await sender(context);
    if (!collector) return;
    const parsed = parseMessage(String((data as { command?: unknown }).command ?? ''));
    if (parsed.kind !== 'command') return;
    const key = buttonKeyOf(context, `${parsed.command} ${parsed.text}`);
    await send(context, await run(context, collector, parsed.command, parsed.text, key));
  });

  app.adaptiveCards.actionSubmit(REPLY_VERBS.undo, async (context, _state, data) => {
    const collector = await sender(context);
    if (!collector) return;
    const token = String((data as { token?: unknown }).token ?? '');
    await send(context, await run(context, collector, 'undo', token, buttonKeyOf(context, `undo ${token}`)));
  });

  app.adaptiveCards.actionSubmit(SHEET_VERBS.open, async (context, _state, data) => {
    const collector = await sender(context);
    if (!collector) return;
    const row = data as { customer?: unknown; name?: unknown; overdueCents?: unknown; invoices?: unknown };
    const customer = String(row.customer ?? '');
    await send(
      context,
      logFormCard({
        customer,
        name: typeof row.name === 'string' ? row.name : customer,
        overdueCents: Number.isSafeInteger(row.overdueCents) ? (row.overdueCents as number) : 0,
        invoices: Array.isArray(row.invoices)
          ? row.invoices.filter((i) => typeof i === 'string').slice(0, 10)
          : [],
        today: todayIn(collector.timeZone, deps.now()),
      }),
    );
  });

  app.adaptiveCards.actionSubmit(SHEET_VERBS.log, async (context, _state, data) => {
    const collector = await sender(context);
    if (!collector) return;
    const values = data as Record<string, unknown>;
    const line = logcallFromForm(values);
    if (!line.ok) {
      await send(context, replyCard({ tone: 'warning', title: line.message, private: true }));
      return;
    }
    const cardId = context.activity.replyToId;
    const key = buttonKeyOf(context, `log ${String(values.customer)} ${String(values.outcome)}`);
    const result = await run(context, collector, 'logcall', line.text, key);
    const fromForm = 'note' in values || 'date' in values || 'amount' in values;
    if (fromForm && cardId) {
      // The form becomes the confirmation, so it cannot be submitted again by mistake.
      await context.updateActivity({ ...cardActivity(result), id: cardId });
    } else {
      await send(context, result);
    }
  });

  async function acknowledge(context: TurnContext, alertId: unknown): Promise<AdaptiveCard | string> {
    const collector = await identifyCollector(deps, context, log);
    if (!collector) return unknownUserReply(aadObjectId(context)).title;
    const id = Number(alertId);
    if (!Number.isSafeInteger(id)) return 'That card no longer points at an alert.';
    const result = await core.acknowledgeAlert(deps, {
      id,
      actor: { code: collector.code, source: 'teams' },
    });
    return result.ok ? alertCard(result.value) : result.error.message;
  }

  app.adaptiveCards.actionExecute(ALERT_VERBS.acknowledge, async (context, _state, data) =>
    acknowledge(context, (data as { alertId?: unknown }).alertId),
  );
  app.adaptiveCards.actionSubmit(ALERT_VERBS.acknowledge, async (context, _state, data) => {
    const result = await acknowledge(context, (data as { alertId?: unknown }).alertId);
    const cardId = context.activity.replyToId;
    if (typeof result !== 'string' && cardId) {
      await context.updateActivity({ ...cardActivity(result), id: cardId });
    } else {
      await send(
        context,
        typeof result === 'string' ? replyCard({ tone: 'warning', title: result, private: true }) : result,
      );
    }
  });

  app.activity('message', async (context) => {
    const collector = await sender(context);
    if (!collector) return;
    const parsed = parseMessage(context.activity.text ?? '');
    if (parsed.kind === 'bind') {
      await send(context, replyCard(await bind(context, collector, parsed.purpose, parsed.unbind)));
      return;
    }
    if (parsed.kind === 'unknown') {
      const help = await core.runCommand(deps, {
        command: 'help',
        text: '',
        user: { platform: 'teams', id: aadObjectId(context) ?? collector.code },
        idempotencyKey: keyOf(context),
      });
      await send(context, replyCard({ ...help, title: `I don’t know "${parsed.word}". ${help.title}` }));
      return;
    }
    // In Teams `calls` is the sheet itself, with its row buttons; the core's text reply is the
    // fallback for people without a sheet.
    if (parsed.command === 'calls' && !parsed.text) {
      const sheet = await core.callSheet(deps, collector.code);
      if (sheet) {
        for (const c of sheetCards(sheet)) await send(context, c);
        return;
      }
    }
    await send(context, await run(context, collector, parsed.command, parsed.text, keyOf(context)));
  });

  async function bind(
    context: TurnContext,
    collector: TeamsCollector,
    purpose: string,
    unbind: boolean,
  ): Promise<Reply> {
    const activity = context.activity;
    if (activity.conversation?.conversationType !== 'channel') {
      return {
        tone: 'warning',
        title: 'Bind a channel from inside it: @mention me there with `bind alerts`.',
        private: true,
      };
    }
    if (collector.role !== 'manager') {
      return {
        tone: 'warning',
        title: 'Only managers can choose where alerts and digests go.',
        private: true,
      };
    }
    if (!(BIND_PURPOSES as readonly string[]).includes(purpose)) {
      return {
        tone: 'warning',
        title: `Say \`bind alerts\` or \`bind digests\` (got "${purpose}").`,
        private: true,
      };
    }
    const ref = TurnContext.getConversationReference(activity);
    const tenantId = tenantOf(ref, activity.channelData);
    const p = purpose as (typeof BIND_PURPOSES)[number];
    if (unbind) {
      await removeBinding(deps, { ref, tenantId, purpose: p });
      return { tone: 'ok', title: `This channel no longer receives ${p}.`, private: false };
    }
    await saveBinding(deps, { purpose: p, ref, tenantId, collectorId: null, actor: collector.code });
    return { tone: 'ok', title: `This channel now receives ${p}.`, private: false };
  }

  /** Added to a team, a group chat or someone's personal scope: remember where, say hello. */
  async function installed(context: TurnContext): Promise<void> {
    const type = context.activity.conversation?.conversationType;
    const collector = type === 'personal' ? await identifyCollector(deps, context, log) : null;
    await remember(context, collector, true);
    if (type === 'personal') {
      await send(
        context,
        replyCard(
          collector
            ? {
                tone: 'info',
                title: `Hello ${collector.name}: your call sheet will arrive here each business morning.`,
                lines: ['Type `help` to see what I understand, e.g. `logcall ACME promised 5/30`.'],
                private: true,
              }
            : unknownUserReply(aadObjectId(context)),
        ),
      );
    }
  }

  app.activity('conversationUpdate', async (context) => {
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    const removed = context.activity.membersRemoved ?? [];
    if (added.some((m) => m.id === botId)) await installed(context);
    else if (removed.some((m) => m.id === botId)) await uninstalled(context);
  });

  app.activity('installationUpdate', async (context) => {
    const action = String(context.activity.action ?? '');
    if (action.startsWith('add')) await installed(context);
    else if (action.startsWith('remove')) await uninstalled(context);
  });

  async function uninstalled(context: TurnContext): Promise<void> {
    const ref = TurnContext.getConversationReference(context.activity);
    const count = await removeBinding(deps, { ref, tenantId: tenantOf(ref, context.activity.channelData) });
    stored.clear();
    log.info({ bindings: count }, 'Teams app removed from a conversation; forgot where it was');
  }

  async function sendCards(
    reference: Partial<ConversationReference>,
    cards: AdaptiveCard[],
  ): Promise<string[]> {
    const ids: string[] = [];
    // The adapter hands errors inside a turn to onTurnError; a failed post must reach the caller
    // (the job ledger retries it), so it is carried out of the turn and rethrown.
    let failure: unknown;
    await adapter.continueConversationAsync(auth.appId, reference, async (context) => {
      // botbuilder would reply to the made-up continuation activity; a post stands on its own
      // (a new message in a chat, a new thread in a channel).
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const a of activities) delete a.replyToId;
        return next();
      });
      try {
        for (const c of cards) {
          const sent: ResourceResponse | undefined = await context.sendActivity(cardActivity(c));
          if (sent?.id) ids.push(sent.id);
        }
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw failure;
    return ids;
  }

  return { adapter, app, appId: auth.appId, sendCards };
}
