// Puts top-list accounts on collectors' sheets: each account goes to its own collector; accounts
// with no (active) collector are spread over the collectors with room left, each to the collector
// its code hashes highest with (rendezvous hashing), so the same customer keeps landing with the
// same collector. No sheet exceeds its collector's capacity; what does not fit is overflow.

export interface SheetHolder {
  id: number;
  code: string;
  capacity: number;
}

export interface Assignable {
  code: string;
  collectorId: number | null;
}

export interface Assignment<T> {
  byCollector: Map<number, T[]>;
  overflow: T[];
}

/** FNV-1a: a stable 32-bit hash of a string. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** `ranked` is in priority order: earlier rows win the last places on a full sheet. */
export function assignCollectors<T extends Assignable>(
  ranked: readonly T[],
  holders: readonly SheetHolder[],
): Assignment<T> {
  const byCollector = new Map<number, T[]>(holders.map((h) => [h.id, []]));
  const capacityOf = new Map(holders.map((h) => [h.id, Math.max(0, Math.floor(h.capacity))]));
  const overflow: T[] = [];
  const unassigned: T[] = [];
  for (const row of ranked) {
    const sheet = row.collectorId === null ? undefined : byCollector.get(row.collectorId);
    if (!sheet) unassigned.push(row);
    else if (sheet.length < (capacityOf.get(row.collectorId as number) ?? 0)) sheet.push(row);
    else overflow.push(row);
  }
  for (const row of unassigned) {
    let best: SheetHolder | undefined;
    let bestHash = -1;
    for (const holder of holders) {
      const sheet = byCollector.get(holder.id)!;
      if (sheet.length >= (capacityOf.get(holder.id) ?? 0)) continue;
      const h = hash(`${row.code}|${holder.code}`);
      if (h > bestHash) {
        best = holder;
        bestHash = h;
      }
    }
    if (best) byCollector.get(best.id)!.push(row);
    else overflow.push(row);
  }
  return { byCollector, overflow };
}
