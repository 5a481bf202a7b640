// Puts ranked accounts on collectors' sheets, best first: each account goes to its own collector
// while that sheet has room; an account with no (active) collector goes to the collector with room
// whose hash with the customer code is highest (rendezvous hashing: the same customer keeps landing
// with the same collector). No sheet exceeds its collector's capacity; filling stops when every
// sheet is full.

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
  /** Accounts ranked within the team's capacity whose collector had no room left. */
  overflow: T[];
  /** How many of the ranked accounts were looked at before every sheet was full (or none left). */
  examined: number;
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
  options: { lend?: boolean } = {},
): Assignment<T> {
  const byCollector = new Map<number, T[]>(holders.map((h) => [h.id, []]));
  const capacityOf = new Map(holders.map((h) => [h.id, Math.max(0, Math.floor(h.capacity))]));
  const teamCapacity = [...capacityOf.values()].reduce((a, b) => a + b, 0);
  const roomIn = (id: number) => byCollector.get(id)!.length < capacityOf.get(id)!;
  const overflow: T[] = [];
  let placed = 0;
  let examined = 0;
  for (const [rank, row] of ranked.entries()) {
    if (placed >= teamCapacity) break;
    examined++;
    let target: number | undefined;
    const own = row.collectorId !== null && byCollector.has(row.collectorId);
    if (own && roomIn(row.collectorId as number)) target = row.collectorId as number;
    else if (!own || options.lend) {
      let bestHash = -1;
      for (const holder of holders) {
        if (!roomIn(holder.id)) continue;
        const h = hash(`${row.code}|${holder.code}`);
        if (h > bestHash) {
          target = holder.id;
          bestHash = h;
        }
      }
    }
    if (target === undefined) {
      if (rank < teamCapacity) overflow.push(row);
      continue;
    }
    byCollector.get(target)!.push(row);
    placed++;
  }
  return { byCollector, overflow, examined };
}
