// What the Slack-only /callsheet subcommands accept (callsheet-admin.ts reads them): printed in
// Slack's help and advertised in the manifests' /callsheet usage hint, which a test compares.
import type { ADMIN_SUBCOMMANDS } from './callsheet-admin.ts';

export const ADMIN_ARGS: Readonly<Record<(typeof ADMIN_SUBCOMMANDS)[number], string>> = {
  sheet: '[@user]',
  bind: 'digests|alerts|team [#channel]',
  settings: '[set <setting> <value> | reset <setting>]',
};
