// The baseline of bench/slack.ts: a Bolt app over HTTP that only acks /logcall. Same receiver,
// same signature check, no database. Prints its URL once listening.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const signingSecret = process.env.SLACK_SIGNING_SECRET ?? '';
const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const app = new App({
  receiver,
  token: process.env.SLACK_BOT_TOKEN ?? '',
  botId: 'BBOT',
  botUserId: 'UBOT',
  logLevel: LogLevel.ERROR,
});
app.command('/logcall', async ({ ack }) => {
  await ack();
});
const server = await receiver.start(0);
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`"url":"http://127.0.0.1:${port}"\n`);
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
