// Templates as files a company can edit: <dir>/<language>/<kind>.{subject,txt,html}. A company's
// own directory (OUTREACH_TEMPLATES_DIR) wins file by file over the built-in set; a language
// without a template for a kind falls back to English. A template that does not parse or names an
// unknown field is refused with the file named, before anything is sent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OutreachKind } from '../../domain/outreach/message-kind.ts';
import { checkTemplate, type MessageTemplate } from '../../domain/outreach/render-message.ts';
import { UserError } from '../../shared/errors.ts';
import { packagePath } from '../../shared/package-root.ts';

// From the package root: the same code runs from src/ and bundled into dist/.
export const BUILT_IN_TEMPLATES = packagePath('templates', 'outreach');

const PARTS = { subject: 'subject', text: 'txt', html: 'html' } as const;

function readPart(dirs: readonly string[], languages: readonly string[], kind: OutreachKind, ext: string) {
  for (const dir of dirs)
    for (const lang of languages) {
      const file = path.join(dir, lang, `${kind}.${ext}`);
      if (existsSync(file)) return { file, text: readFileSync(file, 'utf8') };
    }
  return null;
}

export interface TemplateSource {
  /** The company's directory, if any; the built-in set fills what it lacks. */
  customDir?: string | undefined;
  defaultLanguage: string;
}

/** The template for a kind in a language, checked; throws a UserError naming the file at fault. */
export function loadTemplate(
  source: TemplateSource,
  kind: OutreachKind,
  language: string | null,
): MessageTemplate {
  const dirs = source.customDir ? [source.customDir, BUILT_IN_TEMPLATES] : [BUILT_IN_TEMPLATES];
  const languages = [...new Set([language ?? source.defaultLanguage, source.defaultLanguage, 'en'])].filter(
    (l) => /^[a-z]{2}(-[A-Za-z]{2})?$/.test(l),
  );
  const out: Partial<MessageTemplate> = {};
  const files: Partial<Record<keyof MessageTemplate, string>> = {};
  for (const [part, ext] of Object.entries(PARTS) as [keyof MessageTemplate, string][]) {
    const found = readPart(dirs, languages, kind, ext);
    if (!found)
      throw new UserError(
        `no ${ext} template for ${kind}: add ${path.join(dirs[0]!, 'en', `${kind}.${ext}`)}`,
      );
    out[part] = found.text;
    files[part] = found.file;
  }
  const template: MessageTemplate = {
    ...(out as MessageTemplate),
    ...(files.text ? { language: path.basename(path.dirname(files.text)) } : {}),
  };
  const [problem] = checkTemplate(template);
  if (problem)
    throw new UserError(`template ${files[problem.part]}: ${problem.message}; fix the file and try again`);
  return template;
}
