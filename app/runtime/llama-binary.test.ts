import assert from "node:assert/strict";
import { test } from "node:test";
import { llamaBinaryChoice, loadLlama, localBuildsFolder } from "./llama-binary.js";

test("PADDOCK_LLAMA_BINARY picks auto, local or prebuilt", () => {
  assert.equal(llamaBinaryChoice({}), "auto");
  assert.equal(llamaBinaryChoice({ PADDOCK_LLAMA_BINARY: "Local" }), "local");
  assert.equal(llamaBinaryChoice({ PADDOCK_LLAMA_BINARY: "prebuilt" }), "prebuilt");
  assert.equal(llamaBinaryChoice({ PADDOCK_LLAMA_BINARY: "something" }), "auto");
});

test("the runtime loads a binary without building and says which one runs", async () => {
  const loaded = await loadLlama("auto");
  try {
    assert.match(loaded.description, /^llama\.cpp \S+ \((local build, OpenMP, native CPU, spin barrier|prebuilt)\)$/);
    assert.equal(loaded.kind === "local build", loaded.llama.buildType === "localBuild");
  } finally {
    await loaded.llama.dispose();
  }
  assert.match(localBuildsFolder() ?? "", /node-llama-cpp[\\/]llama[\\/]localBuilds$/);
});
