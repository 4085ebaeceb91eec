import { test } from "node:test";
import assert from "node:assert/strict";
import { StopSequenceFilter } from "./stop-sequences.js";

function run(stops: string[], pieces: string[]) {
  const filter = new StopSequenceFilter(stops);
  let out = "";
  for (const piece of pieces) {
    const { emit, stopped } = filter.push(piece);
    out += emit;
    if (stopped) return { out, stopped: true };
  }
  return { out: out + filter.flush(), stopped: false };
}

test("a stop string split across pieces is never emitted", () => {
  assert.deepEqual(run(["END"], ["hello E", "N", "D world"]), { out: "hello ", stopped: true });
});

test("text that only looked like a stop start is released", () => {
  assert.deepEqual(run(["END"], ["hello E", "nd"]), { out: "hello End", stopped: false });
});

test("the earliest of several stops wins", () => {
  assert.deepEqual(run(["b", "a"], ["xxab"]), { out: "xx", stopped: true });
});

test("no stops passes everything through", () => {
  assert.deepEqual(run([], ["a", "b"]), { out: "ab", stopped: false });
});
