// COPY text-format rows written straight into bytes. Building each row as a JavaScript string
// (a dozen concatenations, then UTF-8 encoding of the whole batch) made string garbage the
// largest cost of an import; writing character codes into one Buffer makes none.

const TAB = 9;
const LF = 10;
const CR = 13;
const BACKSLASH = 92;
const ZERO = 48;
const MINUS = 45;
const DOT = 46;

export class CopyBuffer {
  private buf: Buffer;
  private pos = 0;

  constructor(private readonly size = 256 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.pos;
  }

  /** Hands over the bytes written so far and starts a new buffer. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.size);
    this.pos = 0;
    return out;
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Ends a value: a tab before the next one. */
  tab(): void {
    this.byte(TAB);
  }

  /** Ends a row. */
  newline(): void {
    this.byte(LF);
  }

  /** SQL NULL. */
  nul(): void {
    this.ensure(2);
    this.buf[this.pos++] = BACKSLASH;
    this.buf[this.pos++] = 78; // N
  }

  /** Text, escaped: backslash, tab and line breaks as COPY wants them; other characters as UTF-8. */
  text(s: string): void {
    this.ensure(s.length * 2);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        this.pos = pos;
        this.utf8(s.slice(i));
        return;
      }
      if (c === BACKSLASH || c === TAB || c === LF || c === CR) {
        buf[pos++] = BACKSLASH;
        buf[pos++] = c === BACKSLASH ? BACKSLASH : c === TAB ? 116 : c === LF ? 110 : 114; // \\ \t \n \r
      } else buf[pos++] = c;
    }
    this.pos = pos;
  }

  private utf8(s: string): void {
    const escaped = s.replace(
      /[\\\t\n\r]/g,
      (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
    );
    this.ensure(Buffer.byteLength(escaped));
    this.pos += this.buf.write(escaped, this.pos);
  }

  /** A whole number. */
  int(n: number): void {
    this.ensure(22);
    let v = n;
    if (v < 0) {
      this.buf[this.pos++] = MINUS;
      v = -v;
    }
    let digits = 1;
    for (let rest = v; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = this.pos + digits;
    this.pos = at;
    do {
      this.buf[--at] = ZERO + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
  }

  /** Integer hundredths as a decimal with two places (cents → 1234.50). */
  cents(n: number): void {
    const abs = Math.abs(n);
    if (n < 0) this.byte(MINUS);
    this.int(Math.floor(abs / 100));
    const fraction = abs % 100;
    this.ensure(3);
    this.buf[this.pos++] = DOT;
    this.buf[this.pos++] = ZERO + Math.floor(fraction / 10);
    this.buf[this.pos++] = ZERO + (fraction % 10);
  }
}
