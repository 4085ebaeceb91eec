// A forward-reading cursor over a file that keeps only a window of it in memory, so reading the
// header of a multi-GB model touches a few MB at most. Callers ask for bytes with `need` (async,
// reads from disk) and then decode them with the synchronous getters; hot loops check `has`
// first so that decoding a 150k-entry array does not pay for an await per element.
import type { FileHandle } from "node:fs/promises";

const DEFAULT_WINDOW_BYTES = 1 << 20;
const TWO_POW_32 = 2 ** 32;
// With a high word below 2^21 a 64-bit value is at most 2^53 - 1, i.e. a safe integer.
const SAFE_HIGH_WORD_LIMIT = 0x200000;

export type TruncatedHandler = (needed: number, at: number, what: string) => never;

export class ChunkedFileReader {
  /** Absolute offset of the next byte to decode. */
  pos = 0;
  littleEndian = true;

  private buf: Buffer;
  private view: DataView;
  private bufStart = 0;
  private bufLength = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly fileSize: number,
    private readonly onTruncated: TruncatedHandler,
    private readonly windowBytes = DEFAULT_WINDOW_BYTES,
  ) {
    this.buf = Buffer.alloc(0);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, 0);
  }

  /** Bytes between the cursor and the end of the file. */
  get remaining(): number {
    return this.fileSize - this.pos;
  }

  /** True when the next `n` bytes are already in memory. */
  has(n: number): boolean {
    return this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.bufLength;
  }

  /** Makes the next `n` bytes available, or reports truncation when the file is shorter. */
  async need(n: number, what: string): Promise<void> {
    if (this.has(n)) return;
    if (n > this.remaining) this.onTruncated(n, this.pos, what);
    const want = Math.min(Math.max(n, this.windowBytes), this.remaining);
    if (this.buf.length < want) {
      this.buf = Buffer.allocUnsafe(want);
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    }
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(this.buf, got, want - got, this.pos + got);
      if (bytesRead === 0) break; // the file shrank under us
      got += bytesRead;
    }
    this.bufStart = this.pos;
    this.bufLength = got;
    if (got < n) this.onTruncated(n, this.pos, what);
  }

  /** Moves the cursor forward without reading; the caller has checked `n <= remaining`. */
  skip(n: number): void {
    this.pos += n;
  }

  u8(): number {
    const v = this.buf[this.pos - this.bufStart];
    this.pos += 1;
    return v;
  }

  i8(): number {
    const v = this.view.getInt8(this.pos - this.bufStart);
    this.pos += 1;
    return v;
  }

  u16(): number {
    const v = this.view.getUint16(this.pos - this.bufStart, this.littleEndian);
    this.pos += 2;
    return v;
  }

  i16(): number {
    const v = this.view.getInt16(this.pos - this.bufStart, this.littleEndian);
    this.pos += 2;
    return v;
  }

  u32(): number {
    const v = this.view.getUint32(this.pos - this.bufStart, this.littleEndian);
    this.pos += 4;
    return v;
  }

  i32(): number {
    const v = this.view.getInt32(this.pos - this.bufStart, this.littleEndian);
    this.pos += 4;
    return v;
  }

  f32(): number {
    const v = this.view.getFloat32(this.pos - this.bufStart, this.littleEndian);
    this.pos += 4;
    return v;
  }

  f64(): number {
    const v = this.view.getFloat64(this.pos - this.bufStart, this.littleEndian);
    this.pos += 8;
    return v;
  }

  /** Unsigned 64-bit: a number when it is a safe integer, otherwise a bigint. */
  u64(): number | bigint {
    const o = this.pos - this.bufStart;
    const first = this.view.getUint32(o, this.littleEndian);
    const second = this.view.getUint32(o + 4, this.littleEndian);
    this.pos += 8;
    const [low, high] = this.littleEndian ? [first, second] : [second, first];
    if (high < SAFE_HIGH_WORD_LIMIT) return high * TWO_POW_32 + low;
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /** Signed 64-bit: a number when it is a safe integer, otherwise a bigint. */
  i64(): number | bigint {
    const o = this.pos - this.bufStart;
    const low = this.view.getUint32(this.littleEndian ? o : o + 4, this.littleEndian);
    const high = this.view.getInt32(this.littleEndian ? o + 4 : o, this.littleEndian);
    this.pos += 8;
    if (high >= -SAFE_HIGH_WORD_LIMIT && high < SAFE_HIGH_WORD_LIMIT) {
      const value = high * TWO_POW_32 + low; // exact in this range
      if (Number.isSafeInteger(value)) return value;
    }
    return (BigInt(high) << 32n) + BigInt(low);
  }

  /** Decodes the next `n` bytes as UTF-8 (invalid sequences become U+FFFD). */
  utf8(n: number): string {
    const o = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.toString("utf8", o, o + n);
  }

  /** Copies the next `n` bytes out (for magic checks and error messages). */
  bytes(n: number): Uint8Array {
    const o = this.pos - this.bufStart;
    this.pos += n;
    return Uint8Array.prototype.slice.call(this.buf, o, o + n);
  }
}
