// Who speaks first: every chat surface that can (Slack, Teams), or the console when neither is
// configured. Shared by the scheduler of `callsheet serve` and by `callsheet digest --now`.
import { createConsolePublisher } from '../adapters/console/console-publisher.ts';
import type { ChatPublisher } from '../app/publisher.ts';
import type { Surface } from './surface.ts';

export function publishersOf(surfaces: readonly Surface[], print: (text: string) => void): ChatPublisher[] {
  const found = surfaces.flatMap((s) => (s.publisher ? [s.publisher] : []));
  return found.length ? found : [createConsolePublisher(print)];
}
