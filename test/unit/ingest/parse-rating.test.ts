import { describe, expect, it } from 'vitest';
import {
  checkGrades,
  DEFAULT_RISK_SCALE,
  ratingParser,
  scoreToRating,
} from '../../../src/ingest/parse-rating.ts';

describe('ratingParser', () => {
  const parse = ratingParser(DEFAULT_RISK_SCALE);

  it('reads numbers 1–5 and the default letters A … E, in any case, + and − dropped', () => {
    expect(['1', '5', 'A', 'b', ' C ', 'D', 'e', 'B+', 'C-'].map((t) => parse(t))).toEqual(
      [1, 5, 1, 2, 3, 4, 5, 2, 3].map((value) => ({ ok: true, value })),
    );
  });

  it('refuses what is not on the scale, naming the scale and where to change it', () => {
    for (const text of ['0', '6', '2.5', 'F', 'AAA', 'high'])
      expect(parse(text)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(
          /is not a risk rating: ".*"; expected a rating from 1 \(lowest risk\) to 5 \(highest\) or a grade \(A=1, B=2, C=3, D=4, E=5\); the scale is set in import\.riskScale/,
        ),
      });
  });

  it('reads agency grades grouped per rating', () => {
    const agency = ratingParser({
      ...DEFAULT_RISK_SCALE,
      grades: ['AAA AA', 'A', 'BBB', 'BB', 'B CCC C D'],
    });
    expect(['aaa', 'AA', 'A', 'BBB', 'BB+', 'CCC', 'D'].map((t) => agency(t))).toEqual(
      [1, 1, 2, 3, 4, 5, 5].map((value) => ({ ok: true, value })),
    );
  });

  it('buckets 0–100 scores into five bands, in the direction the company says', () => {
    const safeHigh = ratingParser({ ...DEFAULT_RISK_SCALE, numbers: 'score' });
    expect(['100', '80', '79', '40', '19.5', '0'].map((t) => safeHigh(t))).toEqual(
      [1, 1, 2, 3, 5, 5].map((value) => ({ ok: true, value })),
    );
    expect(safeHigh('101')).toMatchObject({ ok: false, reason: /expected a score from 0 to 100/ });
    expect([0, 20, 99, 100].map((s) => scoreToRating(s, false))).toEqual([1, 2, 5, 5]);
    // Letters still work next to scores.
    expect(safeHigh('B')).toEqual({ ok: true, value: 2 });
  });
});

describe('checkGrades', () => {
  it('wants 1–5 entries of letter grades, none twice', () => {
    expect(checkGrades(['A', 'B', 'C', 'D'])).toBeNull();
    expect(checkGrades([])).toMatch(/1 to 5 entries/);
    expect(checkGrades(['A', 'B', 'C', 'D', 'E', 'F'])).toMatch(/1 to 5 entries/);
    expect(checkGrades(['A', 'a'])).toMatch(/grade A is listed twice/);
    expect(checkGrades(['A1'])).toMatch(/grade "A1" must be 1 to 4 letters/);
  });
});
