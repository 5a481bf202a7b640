import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeControls, excerpt, quoted, unstorableText } from '../../../src/domain/safe-text.ts';

describe('escapeControls', () => {
  it.each([
    ['\u001b[2J\u001b[31mred', '\\x1b[2J\\x1b[31mred'],
    ['over\rwrite', 'over\\rwrite'],
    ['C1 \u009b1m and DEL \u007f', 'C1 \\x9b1m and DEL \\x7f'],
    ['bidi \u202eevil', 'bidi \\u202eevil'],
    ['two\nlines\tand tab', 'two\\nlines\\tand tab'],
    ['plain: é, 日本, 😀', 'plain: é, 日本, 😀'],
  ])('writes %j as %j', (raw, escaped) => {
    expect(escapeControls(raw)).toBe(escaped);
  });

  it('keeps line feeds and tabs in multi-line text, but not carriage returns', () => {
    expect(escapeControls('a\nb\tc\rd\u001b', true)).toBe('a\nb\tc\\rd\\x1b');
  });

  it('leaves no control character behind, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) =>
        [...escapeControls(s)].every((c) => c >= ' ' && (c < '\u007f' || c > '\u009f')),
      ),
    );
  });
});

describe('excerpt and quoted', () => {
  it('cuts a long value, saying how long it was, never inside a surrogate pair', () => {
    expect(excerpt('x'.repeat(500))).toBe(`${'x'.repeat(200)}… (500 characters)`);
    const emoji = `${'a'.repeat(199)}😀tail`;
    expect(excerpt(emoji, 200)).toBe(`${'a'.repeat(199)}… (205 characters)`);
    expect(excerpt('short')).toBe('short');
  });

  it('quotes like JSON, with every control escaped', () => {
    expect(quoted('a"b\u001b\u009b')).toBe('"a\\"b\\u001b\\x9b"');
  });
});

describe('unstorableText', () => {
  it.each([
    ['a NUL', 'a\u0000b', /NUL character \(\\0\) at position 2/],
    ['a lone high surrogate', 'a\ud800b', /unpaired UTF-16 surrogate, \\ud800\) at position 2/],
    ['a lone low surrogate', 'ab\udc00', /unpaired UTF-16 surrogate, \\udc00\) at position 3/],
  ])('refuses %s, saying where', (_, text, message) => {
    expect(unstorableText(text)).toMatch(message);
  });

  it('accepts any well-formed text', () => {
    expect(unstorableText('emoji 😀, accents é, CJK 日本')).toBeNull();
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        (s) => unstorableText(s.replaceAll('\u0000', '')) === null,
      ),
    );
  });
});
