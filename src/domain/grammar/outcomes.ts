// The outcomes a collector can log and the ways people spell them. A slip of one letter in a long
// keyword ("promsied", "voicemial") still counts; short ones (na, vm, paid) must be exact.
import { editDistance } from './edit-distance.ts';

export const OUTCOMES = [
  'promised',
  'plan',
  'disputed',
  'no_answer',
  'voicemail',
  'paid',
  'callback',
  'wrong_number',
  'note',
] as const;
export type LogOutcome = (typeof OUTCOMES)[number];

/** Phrases (normalised tokens) for each outcome; the longest phrase at a position wins. */
const PHRASES: [LogOutcome, string][] = [
  ['promised', 'promised to pay'],
  ['promised', 'promise to pay'],
  ['promised', 'promised'],
  ['promised', 'promise'],
  ['promised', 'promises'],
  ['promised', 'ptp'],
  ['plan', 'payment plan'],
  ['plan', 'plan'],
  ['disputed', 'disputed'],
  ['disputed', 'dispute'],
  ['disputed', 'disputes'],
  ['disputed', 'disputing'],
  ['no_answer', 'no answer'],
  ['no_answer', 'no-answer'],
  ['no_answer', 'noanswer'],
  ['no_answer', 'na'],
  ['no_answer', 'n/a'],
  ['no_answer', 'no reply'],
  ['no_answer', 'no response'],
  ['no_answer', 'unanswered'],
  ['voicemail', 'left voicemail'],
  ['voicemail', 'left a voicemail'],
  ['voicemail', 'left vm'],
  ['voicemail', 'left message'],
  ['voicemail', 'left a message'],
  ['voicemail', 'voicemail'],
  ['voicemail', 'voice mail'],
  ['voicemail', 'vm'],
  ['paid', 'says paid'],
  ['paid', 'already paid'],
  ['paid', 'has paid'],
  ['paid', 'payment sent'],
  ['paid', 'paid'],
  ['callback', 'call back'],
  ['callback', 'call-back'],
  ['callback', 'callback'],
  ['callback', 'cb'],
  ['wrong_number', 'wrong number'],
  ['wrong_number', 'wrong contact'],
  ['wrong_number', 'wrong no'],
  ['wrong_number', 'wrong #'],
  ['wrong_number', 'wrong person'],
  ['wrong_number', 'wrong-number'],
  ['note', 'note'],
  ['note', 'notes'],
];
const SPLIT = PHRASES.map(([o, p]) => [o, p.split(' ')] as const).sort((a, b) => b[1].length - a[1].length);

/** Words long enough to forgive one slip (two for long ones). */
const fuzzyOk = (word: string, typed: string) =>
  word.length >= 5 && typed.length >= 4 && editDistance(word, typed, 2) <= (word.length >= 8 ? 2 : 1);

export interface OutcomeMatch {
  outcome: LogOutcome;
  used: number;
}

export function outcomeAt(tokens: readonly string[], i: number, fuzzy = false): OutcomeMatch | null {
  for (const [outcome, words] of SPLIT) {
    if (
      words.every((w, k) => {
        const t = tokens[i + k];
        return t !== undefined && (t === w || (fuzzy && fuzzyOk(w, t)));
      })
    )
      return { outcome, used: words.length };
  }
  return null;
}

/** The outcome a mistyped word most likely meant, for "did you mean". */
export function nearestOutcome(word: string): string | null {
  let best: { phrase: string; d: number } | null = null;
  for (const [, phrase] of PHRASES) {
    if (phrase.length < 4) continue;
    const d = editDistance(word, phrase.replace(/ /g, ''), 3);
    if (d <= 3 && (!best || d < best.d)) best = { phrase, d };
  }
  return best?.phrase ?? null;
}

export const OUTCOME_WORDS: Record<LogOutcome, string> = {
  promised: 'promised to pay',
  plan: 'agreed a payment plan',
  disputed: 'disputed',
  no_answer: 'no answer',
  voicemail: 'left a voicemail',
  paid: 'says paid',
  callback: 'call back',
  wrong_number: 'wrong number',
  note: 'note',
};
