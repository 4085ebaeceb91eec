// Q8_0 tensor encoding, as llama.cpp's quantize_row_q8_0_ref writes it: blocks of 32 values, each an
// IEEE half scale d = max|x| / 127 followed by 32 signed bytes round(x / d) (halves away from zero).
// Arithmetic is done in float32 as in C, so the bytes match what llama-quantize writes for the same
// float32 input.
import { toFloat16Bits } from "./float16.js";

export const Q8_0_BLOCK = 32;
export const Q8_0_BLOCK_BYTES = 2 + Q8_0_BLOCK;

/** Bytes of one row of `length` values (a multiple of 32). */
export function q8_0RowBytes(length: number): number {
  if (length % Q8_0_BLOCK !== 0) throw new RangeError(`Q8_0 rows must be a multiple of ${Q8_0_BLOCK} values, got ${length}`);
  return (length / Q8_0_BLOCK) * Q8_0_BLOCK_BYTES;
}

const f = Math.fround;

/** Encodes `values` (length a multiple of 32) into `out` (q8_0RowBytes(values.length) bytes). */
export function quantizeRowQ8_0(values: Float32Array, out: Uint8Array): Uint8Array {
  const bytes = q8_0RowBytes(values.length);
  if (out.length < bytes) throw new RangeError(`Q8_0 output needs ${bytes} bytes, got ${out.length}`);
  const view = new DataView(out.buffer, out.byteOffset, bytes);
  for (let block = 0, o = 0; block < values.length; block += Q8_0_BLOCK, o += Q8_0_BLOCK_BYTES) {
    let amax = 0;
    for (let j = 0; j < Q8_0_BLOCK; j++) amax = Math.max(amax, Math.abs(values[block + j]));
    const d = f(amax / 127);
    const id = d !== 0 ? f(1 / d) : 0;
    view.setUint16(o, toFloat16Bits(d), true);
    for (let j = 0; j < Q8_0_BLOCK; j++) {
      const x = f(values[block + j] * id);
      // C's roundf: halves away from zero (Math.round would round -2.5 to -2).
      const q = Math.sign(x) * Math.round(Math.abs(x));
      view.setInt8(o + 2 + j, Math.max(-128, Math.min(127, q)));
    }
  }
  return out.subarray(0, bytes);
}

/** Decodes a Q8_0 row back to floats (for tests and checks). */
export function dequantizeRowQ8_0(bytes: Uint8Array, length: number): Float32Array {
  const values = new Float32Array(length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, q8_0RowBytes(length));
  for (let block = 0, o = 0; block < length; block += Q8_0_BLOCK, o += Q8_0_BLOCK_BYTES) {
    const d = halfToFloat(view.getUint16(o, true));
    for (let j = 0; j < Q8_0_BLOCK; j++) values[block + j] = d * view.getInt8(o + 2 + j);
  }
  return values;
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
