import assert from "node:assert/strict";
import { test } from "node:test";
import { toFloat16Bits } from "./float16.js";

test("toFloat16Bits rounds to the nearest half, ties to even", () => {
  const cases: [number, number][] = [
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.1, 0x2e66],
    [0.05, 0x2a66],
    [65504, 0x7bff], // largest half
    [65519, 0x7bff], // rounds down
    [65520, 0x7c00], // rounds up to infinity
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -25, 0x0000], // tie between 0 and the smallest subnormal: even is 0
    [3 * 2 ** -25, 0x0002], // tie between 1 and 2 subnormal steps: even is 2
    [1 + 2 ** -11, 0x3c00], // tie: 1.0 is even
    [1 + 3 * 2 ** -11, 0x3c02], // tie: rounds up to the even mantissa
  ];
  for (const [value, bits] of cases) assert.equal(toFloat16Bits(value), bits, `${value}`);
  assert.equal(toFloat16Bits(Number.NaN) & 0x7c00, 0x7c00);
  assert.notEqual(toFloat16Bits(Number.NaN) & 0x3ff, 0);
});
