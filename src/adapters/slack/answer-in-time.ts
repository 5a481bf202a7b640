// Slack wants every request acknowledged within 3 seconds. Quick answers ride on the ack itself;
// slower ones are acknowledged at once and delivered afterwards (response_url, chat.postEphemeral).
// Background deliveries are tracked so a graceful shutdown waits for them.

/**
 * How long to wait for the answer before acking empty-handed. An idle core answers /logcall in
 * ~15 ms, so it normally rides on the ack; under load the ack leaves at once instead, far from
 * Slack's 3 s (bench/slack measures both the ack and the answer).
 */
export const ACK_BUDGET_MS = 200;

export type Outcome<T> = { done: true; value: T } | { done: false; later: Promise<T> };

export async function within<T>(work: Promise<T>, budgetMs = ACK_BUDGET_MS): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), budgetMs);
  });
  try {
    const first = await Promise.race([work.then((value) => ({ value })), timeout]);
    return first === 'timeout' ? { done: false, later: work } : { done: true, value: first.value };
  } finally {
    clearTimeout(timer);
  }
}

/** Work started after an ack; `drain()` resolves once all of it finished (or failed). */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly onError: (err: unknown) => void) {}

  run(task: () => Promise<unknown>): void {
    const p = Promise.resolve()
      .then(task)
      .catch(this.onError)
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
