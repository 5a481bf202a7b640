// Risk ratings as ERPs and credit agencies export them, turned into Callsheet's 1–5 scale
// (1 = lowest risk). Letters go through the company's grade list (`import.riskScale.grades`,
// A … E by default); numbers are either ratings 1–5 or 0–100 scores cut into five equal bands.
import { quoted } from '../domain/safe-text.ts';
import type { Parsed } from './parse-money.ts';

export interface RiskScale {
  /** grades[i] lists the grades (space-separated, any case) that mean rating i + 1. */
  grades: readonly string[];
  /** 'rating': numbers are 1–5 already; 'score': numbers are 0–100 scores, bucketed. */
  numbers: 'rating' | 'score';
  /** For scores: whether a high score means a safe customer (most credit scores) or a risky one. */
  highScoreIsSafe: boolean;
}

export const DEFAULT_RISK_SCALE: RiskScale = {
  grades: ['A', 'B', 'C', 'D', 'E'],
  numbers: 'rating',
  highScoreIsSafe: true,
};

/** Why a grade list cannot be used, or null. */
export function checkGrades(grades: readonly string[]): string | null {
  if (grades.length < 1 || grades.length > 5) return 'must list 1 to 5 entries, one per rating from 1';
  const seen = new Set<string>();
  for (const entry of grades)
    for (const grade of entry.trim().split(/\s+/)) {
      if (!/^[A-Za-z]{1,4}$/.test(grade)) return `grade ${quoted(grade)} must be 1 to 4 letters`;
      const key = grade.toUpperCase();
      if (seen.has(key)) return `grade ${key} is listed twice`;
      seen.add(key);
    }
  return null;
}

/** A score of 0–100 as a rating: five bands of 20 points (the top band is 80–100). */
export function scoreToRating(score: number, highScoreIsSafe: boolean): number {
  const band = Math.min(4, Math.floor(score / 20)); // 0 … 4, low scores first
  return highScoreIsSafe ? 5 - band : band + 1;
}

export function ratingParser(scale: RiskScale): (text: string) => Parsed<number> {
  const byGrade = new Map<string, number>();
  scale.grades.forEach((entry, i) => {
    for (const grade of entry.trim().split(/\s+/)) byGrade.set(grade.toUpperCase(), i + 1);
  });
  const gradeList = scale.grades.map((g, i) => `${g.trim().split(/\s+/).join('/')}=${i + 1}`).join(', ');
  const numbers =
    scale.numbers === 'score' ? 'a score from 0 to 100' : 'a rating from 1 (lowest risk) to 5 (highest)';
  const refuse = (text: string): Parsed<number> => ({
    ok: false,
    reason: `is not a risk rating: ${quoted(text)}; expected ${numbers} or a grade (${gradeList}); the scale is set in import.riskScale (docs/import.md)`,
  });
  return (raw) => {
    const text = raw.trim();
    if (/^\d+(\.\d+)?$/.test(text)) {
      const n = Number(text);
      if (scale.numbers === 'score')
        return n <= 100 ? { ok: true, value: scoreToRating(n, scale.highScoreIsSafe) } : refuse(raw);
      return Number.isInteger(n) && n >= 1 && n <= 5 ? { ok: true, value: n } : refuse(raw);
    }
    const upper = text.toUpperCase();
    // `B+` and `B-` are B: the scale has five steps, finer than that is not kept.
    const rating = byGrade.get(upper) ?? byGrade.get(upper.replace(/[+-]$/, ''));
    return rating === undefined ? refuse(raw) : { ok: true, value: rating };
  };
}
