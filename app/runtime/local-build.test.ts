import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultThreads } from "../scheduler/scheduler.js";
import { expectLocalBuild, findLocalBuild } from "./local-build.js";

test("the expected binary follows PADDOCK_LLAMA_BINARY and the files in node-llama-cpp's localBuilds", () => {
  assert.equal(expectLocalBuild({ PADDOCK_LLAMA_BINARY: "prebuilt" }), false);
  assert.equal(expectLocalBuild({ PADDOCK_LLAMA_BINARY: "local" }), true);
  assert.equal(expectLocalBuild({}), findLocalBuild() !== undefined);
});

test("default threads: one for small models, all cores above a size that depends on the binary", () => {
  const MB = 1024 * 1024;
  for (const local of [true, false]) assert.equal(defaultThreads(1 * MB, local), 1);
  assert.equal(defaultThreads(40 * MB, false), 1);
  assert.ok(defaultThreads(40 * MB, true) >= 1);
  assert.ok(defaultThreads(300 * MB, false) >= 1);
});
