// Checks a message or modal against Block Kit's published limits (blocks.validate is online only),
// returning every violation so a failing test says exactly what is too long.
type Json = Record<string, unknown>;

const textOf = (t: unknown) => (t && typeof t === 'object' ? String((t as Json).text ?? '') : '');

function checkElement(el: Json, where: string, out: string[]): void {
  if (typeof el.action_id === 'string' && el.action_id.length > 255) out.push(`${where}: action_id > 255`);
  if (el.type === 'button') {
    if (textOf(el.text).length > 75) out.push(`${where}: button text > 75`);
    if (typeof el.value === 'string' && el.value.length > 2000) out.push(`${where}: button value > 2000`);
  }
}

function checkBlocks(blocks: Json[], max: number, out: string[]): void {
  if (blocks.length > max) out.push(`${blocks.length} blocks > ${max}`);
  blocks.forEach((b, i) => {
    const where = `block ${i} (${String(b.type)})`;
    if (typeof b.block_id === 'string' && b.block_id.length > 255) out.push(`${where}: block_id > 255`);
    if (b.type === 'header' && textOf(b.text).length > 150) out.push(`${where}: header > 150`);
    if (b.type === 'section') {
      if (!b.text && !b.fields) out.push(`${where}: section without text or fields`);
      if (textOf(b.text).length > 3000) out.push(`${where}: text > 3000`);
      const fields = (b.fields as Json[] | undefined) ?? [];
      if (fields.length > 10) out.push(`${where}: ${fields.length} fields > 10`);
      for (const f of fields) if (textOf(f).length > 2000) out.push(`${where}: field > 2000`);
    }
    if (b.type === 'context') {
      for (const e of (b.elements as Json[]) ?? [])
        if (textOf(e).length > 3000) out.push(`${where}: text > 3000`);
    }
    if (b.type === 'actions') {
      const els = (b.elements as Json[]) ?? [];
      if (els.length > 25) out.push(`${where}: ${els.length} elements > 25`);
      const ids = els.map((e) => e.action_id);
      if (new Set(ids).size !== ids.length) out.push(`${where}: duplicate action_id`);
      els.forEach((e, j) => {
        checkElement(e, `${where} element ${j}`, out);
      });
    }
    if (b.type === 'input') {
      if (textOf(b.label).length > 2000) out.push(`${where}: label > 2000`);
      checkElement(b.element as Json, `${where} element`, out);
    }
  });
}

/** Violations of a chat message payload ({ text, blocks }). */
export function messageViolations(message: Json): string[] {
  const out: string[] = [];
  if (typeof message.text !== 'string' || !message.text) out.push('missing top-level text fallback');
  checkBlocks((message.blocks as Json[]) ?? [], 50, out);
  return out;
}

/** Violations of a modal view. */
export function modalViolations(view: Json): string[] {
  const out: string[] = [];
  for (const key of ['title', 'submit', 'close']) {
    if (view[key] && textOf(view[key]).length > 24) out.push(`${key} > 24`);
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000)
    out.push('private_metadata > 3000');
  checkBlocks((view.blocks as Json[]) ?? [], 100, out);
  return out;
}
