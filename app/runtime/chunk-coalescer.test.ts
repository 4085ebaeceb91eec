import assert from "node:assert/strict";
import { test } from "node:test";
import { ChunkCoalescer } from "./chunk-coalescer.js";
import { lastTokens } from "./generate.js";
import type { Token } from "node-llama-cpp";

test("with no interval, pieces go out one by one while the reader keeps up", () => {
  const flow = new SharedArrayBuffer(4);
  const consumed = new Int32Array(flow);
  const sent: string[] = [];
  const chunks = new ChunkCoalescer(flow, (text) => {
    sent.push(text);
    Atomics.add(consumed, 0, 1); // the reader takes each message in at once
  }, 0);
  for (const piece of ["a", "b", "c"]) chunks.push(piece);
  chunks.flush();
  assert.deepEqual(sent, ["a", "b", "c"]);
});

test("the first piece goes out at once, later ones at most once per interval", () => {
  let clock = 0;
  const sent: string[] = [];
  const chunks = new ChunkCoalescer(undefined, (text) => sent.push(text), 40, () => clock);
  chunks.push("A"); // first: at once
  for (const piece of ["b", "c", "d"]) {
    clock += 13;
    chunks.push(piece); // 13, 26, 39 ms after "A": held
  }
  clock += 13;
  chunks.push("e"); // 52 ms: goes out with what was held
  clock += 100;
  chunks.push("F"); // slower than the interval: at once
  clock += 1;
  chunks.push("g");
  chunks.flush();
  assert.deepEqual(sent, ["A", "bcde", "F", "g"]);
  assert.equal(chunks.messages, 4);
});

test("pieces are joined while the previous message is unread, and flushed at the end", () => {
  const flow = new SharedArrayBuffer(4);
  const consumed = new Int32Array(flow);
  const sent: Array<[string, number]> = [];
  const chunks = new ChunkCoalescer(flow, (text, logprobs) => sent.push([text, logprobs?.length ?? 0]), 0);
  const lp = (token: string) => [{ token, logprob: -1, bytes: [] }];
  chunks.push("Hel", lp("Hel")); // sent at once: nothing unread yet
  chunks.push("lo", lp("lo")); // the reader has not taken "Hel" in: held
  chunks.push(" wor", lp(" wor"));
  Atomics.add(consumed, 0, 1); // the reader catches up
  chunks.push("ld", lp("ld")); // goes out with what was held
  chunks.push("!");
  chunks.flush();
  assert.deepEqual(sent, [
    ["Hel", 1],
    ["lo world", 3],
    ["!", 0],
  ]);
  assert.equal(chunks.messages, 3);
});

test("without a flow buffer every piece is sent", () => {
  const sent: string[] = [];
  const chunks = new ChunkCoalescer(undefined, (text) => sent.push(text), 0);
  chunks.push("x");
  chunks.push("y");
  assert.deepEqual(sent, ["x", "y"]);
});

test("lastTokens takes the tail of prompt and generated tokens", () => {
  const t = (...ids: number[]) => ids as Token[];
  assert.deepEqual(lastTokens(t(1, 2, 3, 4), t(5, 6), 3), t(4, 5, 6));
  assert.deepEqual(lastTokens(t(1, 2), t(5), 8), t(1, 2, 5));
  assert.deepEqual(lastTokens(t(1, 2), t(5, 6, 7, 8), 2), t(7, 8));
  assert.deepEqual(lastTokens(t(1, 2), t(), 1), t(2));
});
