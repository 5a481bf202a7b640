// What the buttons on our cards do in Teams: re-run a command or Undo (the card becomes the
// answer, so an Undo cannot be pressed twice), open a sheet row's log form (pre-filled as on
// Slack), submit it, and Acknowledge / Snooze an alert (the card is redrawn in place).
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { todayIn } from '../../domain/calendar.ts';
import type { AdaptiveCard } from '../../views/teams/adaptive-card.ts';
import { ALERT_VERBS, alertCard } from '../../views/teams/alert-card.ts';
import { logFormCard } from '../../views/teams/log-form-card.ts';
import { REPLY_VERBS, replyCard } from '../../views/teams/reply-card.ts';
import { SHEET_VERBS } from '../../views/teams/sheet-cards.ts';
import { logcallFromForm } from './command-text.ts';
import { cardActivity } from './teams-adapter.ts';
import { buttonKeyOf, chatUserOf, runAndAnswer, sendCards, type TeamsTurnEnv } from './teams-turn.ts';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function registerCardButtons(app: Application<TurnState>, env: TeamsTurnEnv): void {
  app.adaptiveCards.actionSubmit(REPLY_VERBS.command, async (context, _state, data) => {
    const line = str((data as Data).command);
    await runAndAnswer(env, context, line, buttonKeyOf(context, line));
  });

  app.adaptiveCards.actionSubmit(REPLY_VERBS.undo, async (context, _state, data) => {
    const token = str((data as Data).token);
    await runAndAnswer(env, context, `undo ${token}`, buttonKeyOf(context, `undo ${token}`), true);
  });

  app.adaptiveCards.actionSubmit(SHEET_VERBS.open, async (context, _state, data) => {
    const me = await env.core.whoIs(chatUserOf(context, env.log));
    if (!me) return void (await runAndAnswer(env, context, 'help', buttonKeyOf(context, 'open')));
    const row = data as Data;
    const customer = str(row.customer);
    await sendCards(context, [
      logFormCard({
        customer,
        name: str(row.name) || customer,
        overdueCents: Number.isSafeInteger(row.overdueCents) ? (row.overdueCents as number) : 0,
        // Cards posted before rows carried their currency and money text have neither.
        currency: /^[A-Z]{3}$/.test(str(row.currency)) ? str(row.currency) : null,
        overdue: str(row.overdue).slice(0, 200) || null,
        invoices: Array.isArray(row.invoices)
          ? row.invoices.filter((i): i is string => typeof i === 'string').slice(0, 10)
          : [],
        today: todayIn(me.timeZone, env.deps.now()),
      }),
    ]);
  });

  app.adaptiveCards.actionSubmit(SHEET_VERBS.log, async (context, _state, data) => {
    const values = data as Data;
    const me = await env.core.whoIs(chatUserOf(context, env.log));
    const today = todayIn(me?.timeZone ?? 'UTC', env.deps.now());
    const line = logcallFromForm(values, today);
    if (!line.ok) {
      await sendCards(context, [replyCard({ tone: 'warning', title: line.message, private: true })]);
      return;
    }
    const key = buttonKeyOf(context, `log ${str(values.customer)} ${str(values.outcome)}`);
    // From the form, the form becomes the confirmation, so it cannot be submitted again by mistake.
    const fromForm = 'note' in values || 'date' in values || 'amount' in values;
    await runAndAnswer(env, context, `logcall ${line.text}`, key, fromForm);
  });

  /** The redrawn alert, or (not linked, no such alert) a reply for the person who pressed. */
  const pressAlert = async (
    context: TurnContext,
    data: unknown,
    button: 'acknowledge' | 'snooze',
  ): Promise<{ card: AdaptiveCard; redrawn: boolean }> => {
    const result = await env.core.pressAlertButton({
      user: chatUserOf(context, env.log),
      alertId: (data as Data).alertId,
      button,
    });
    return result.ok
      ? { card: alertCard(result.value), redrawn: true }
      : { card: replyCard(result.error), redrawn: false };
  };
  for (const [verb, button] of [
    [ALERT_VERBS.acknowledge, 'acknowledge'],
    [ALERT_VERBS.snooze, 'snooze'],
  ] as const) {
    // Action.Execute (Universal Actions) answers with the new card; Action.Submit updates it.
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      return (await pressAlert(context, data, button)).card;
    });
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      const answer = await pressAlert(context, data, button);
      const cardId = context.activity.replyToId;
      if (cardId && answer.redrawn)
        await context.updateActivity({ ...cardActivity(answer.card), id: cardId });
      else await sendCards(context, [answer.card]);
    });
  }
}
