// The uploadable Teams app package: manifests/teams/manifest.json with this deployment's ids and
// version filled in, plus the two icons, zipped at the root as Teams expects.
import { readFileSync } from 'node:fs';
import { packagePath } from '../../shared/package-root.ts';
import { zip } from './zip.ts';

export const MANIFEST_DIR = `${packagePath('manifests', 'teams')}/`;

export interface PackageIds {
  /** The bot's Azure app (client) id: MICROSOFT_APP_ID. */
  botId: string;
  /** The Teams app id; Microsoft suggests the bot id unless the app is published separately. */
  appId: string;
  /** The app version, semver (Teams refuses an upload that does not raise it). */
  version: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the manifest is JSON defined by Microsoft's schema
export type TeamsManifest = Record<string, any>;

export function readManifestTemplate(dir = MANIFEST_DIR): TeamsManifest {
  return JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as TeamsManifest;
}

export function fillManifest(template: TeamsManifest, ids: PackageIds): TeamsManifest {
  const manifest = structuredClone(template);
  manifest.id = ids.appId;
  manifest.version = ids.version;
  for (const bot of manifest.bots ?? []) bot.botId = ids.botId;
  return manifest;
}

export function buildTeamsPackage(
  ids: PackageIds,
  dir = MANIFEST_DIR,
): { zip: Buffer; manifest: TeamsManifest } {
  const manifest = fillManifest(readManifestTemplate(dir), ids);
  const file = (name: string) => readFileSync(`${dir}/${name}`);
  const archive = zip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: manifest.icons.color, data: file(manifest.icons.color) },
    { name: manifest.icons.outline, data: file(manifest.icons.outline) },
  ]);
  return { zip: archive, manifest };
}
