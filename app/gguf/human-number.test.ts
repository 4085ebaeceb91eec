import assert from "node:assert/strict";
import { test } from "node:test";
import { formatHumanNumber } from "./human-number.js";

// Expected strings produced by Ollama's format.HumanNumber (Go) for the same inputs.
const OLLAMA_OUTPUT: [number, string][] = [
  [0, "0"],
  [1, "1"],
  [999, "999"],
  [1000, "1K"],
  [1499, "1K"],
  [1500, "2K"], // exact tie: Go rounds half to even
  [2500, "2K"], // ... which JS toFixed would make "3K"
  [3500, "4K"],
  [180288, "180K"],
  [292800, "293K"],
  [999499, "999K"],
  [999500, "1000K"],
  [999999, "1000K"],
  [1000000, "1M"],
  [1234567, "1.23M"],
  [7125000, "7.12M"], // exact tie again
  [7135000, "7.13M"],
  [134515008, "134.52M"],
  [135000000, "135M"],
  [999999999, "1000.00M"],
  [1000000000, "1B"],
  [7250000000, "7.2B"],
  [7350000000, "7.3B"],
  [7615616512, "7.6B"],
  [8000000000, "8B"],
  [8030261248, "8.0B"], // Llama 3 8B really is shown as "8.0B"
  [70553706496, "70.6B"],
  [9007199254740991, "9007199.3B"],
];

test("formatHumanNumber matches Ollama's HumanNumber", () => {
  for (const [count, expected] of OLLAMA_OUTPUT) assert.equal(formatHumanNumber(count), expected, String(count));
});

test("formatHumanNumber rejects what is not a count", () => {
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) assert.throws(() => formatHumanNumber(bad), RangeError);
});
