// The Slack app manifests parse, follow the manifest schema (v1) for every part we use, and declare
// exactly the slash commands, scopes and request URLs the code serves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { SLACK_EVENTS_PATH } from '../../../src/adapters/slack/slack-surface.ts';
import { SLASH_COMMANDS } from '../../../src/adapters/slack/slash-commands.ts';

const httpUrl = z
  .string()
  .regex(/^https?:\/\//)
  .max(3000);

/** The parts of slackapi/manifest-schema 1.0.0 that our manifests use, equally strict. */
const manifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.literal(1), minor_version: z.number().int().optional() }),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().min(1).max(140).optional(),
    background_color: z
      .string()
      .regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/)
      .optional(),
  }),
  features: z.strictObject({
    app_home: z
      .strictObject({
        home_tab_enabled: z.boolean().optional(),
        messages_tab_enabled: z.boolean().optional(),
        messages_tab_read_only_enabled: z.boolean().optional(),
      })
      .optional(),
    bot_user: z.strictObject({
      display_name: z.string().min(1).max(80),
      always_online: z.boolean().optional(),
    }),
    slash_commands: z
      .array(
        z.strictObject({
          command: z.string().min(2).max(32).regex(/^\//),
          url: httpUrl.optional(),
          description: z.string().min(1).max(2000),
          usage_hint: z.string().min(1).max(1000).optional(),
          should_escape: z.boolean().optional(),
        }),
      )
      .min(1)
      .max(50),
  }),
  oauth_config: z.strictObject({ scopes: z.strictObject({ bot: z.array(z.string().max(50)).max(255) }) }),
  settings: z.strictObject({
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: httpUrl.optional() }),
    org_deploy_enabled: z.boolean().optional(),
    socket_mode_enabled: z.boolean().optional(),
    token_rotation_enabled: z.boolean().optional(),
  }),
});

type Manifest = z.output<typeof manifestSchema>;

const load = (file: string): Manifest =>
  manifestSchema.parse(
    parse(readFileSync(new URL(`../../../manifests/slack/${file}`, import.meta.url), 'utf8')),
  );

const REQUIRED_SCOPES = ['commands', 'chat:write', 'im:write'];

describe.each([
  ['manifest.yaml', 'http'],
  ['manifest.socket.yaml', 'socket'],
] as const)('%s', (file, mode) => {
  const manifest = load(file);

  it('declares exactly the slash commands the code handles (usage hints: manifest-usage.test.ts)', () => {
    const commands = manifest.features.slash_commands.map((c) => c.command);
    expect([...commands].sort()).toEqual([...SLASH_COMMANDS].sort());
  });

  it('asks for the scopes the app uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(REQUIRED_SCOPES));
  });

  it('turns interactivity on (buttons and modals)', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('escapes mentions for /callsheet so @user and #channel arrive as ids', () => {
    expect(manifest.features.slash_commands.find((c) => c.command === '/callsheet')?.should_escape).toBe(
      true,
    );
  });

  if (mode === 'http') {
    it(`sends commands and interactivity to ${SLACK_EVENTS_PATH} over HTTPS`, () => {
      const urls = [
        manifest.settings.interactivity.request_url,
        ...manifest.features.slash_commands.map((c) => c.url),
      ];
      for (const url of urls) {
        expect(url).toMatch(/^https:\/\//);
        expect(new URL(url!).pathname).toBe(SLACK_EVENTS_PATH);
      }
      expect(new Set(urls).size).toBe(1);
      expect(manifest.settings.socket_mode_enabled).toBe(false);
    });
  } else {
    it('uses Socket Mode and names no URL', () => {
      expect(manifest.settings.socket_mode_enabled).toBe(true);
      expect(manifest.settings.interactivity.request_url).toBeUndefined();
      expect(manifest.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
    });
  }
});

describe('manifest schema check', () => {
  it('rejects what Slack would reject (a command without a leading slash)', () => {
    const bad = structuredClone(load('manifest.yaml')) as Manifest;
    bad.features.slash_commands[0]!.command = 'logcall';
    expect(manifestSchema.safeParse(bad).success).toBe(false);
  });
});
