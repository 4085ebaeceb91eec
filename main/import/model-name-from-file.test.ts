import { test } from "node:test";
import assert from "node:assert/strict";
import { isValidModelName } from "../../app/names/model-name.js";
import { modelNameFromFile } from "./model-name-from-file.js";

test("a GGUF file name becomes a valid model name", () => {
  assert.equal(modelNameFromFile("/models/Llama-3.2-1B-Instruct-Q4_K_M.gguf"), "llama-3.2-1b-instruct-q4_k_m");
  assert.equal(modelNameFromFile("C:\\Users\\me\\qwen2.5 coder (7b).GGUF".replace(/\\/g, "/")), "qwen2.5-coder-7b");
  assert.equal(modelNameFromFile("/m/..hidden--model...gguf"), "hidden--model");
});

test("names that cannot be made valid fall back to a default", () => {
  assert.equal(modelNameFromFile("/m/日本語.gguf"), "imported-model");
  assert.equal(modelNameFromFile("/m/ünï.gguf"), "n");
  assert.equal(modelNameFromFile("/m/.gguf"), "imported-model");
});

test("long names are cut to what a model name may hold", () => {
  const name = modelNameFromFile(`/m/${"a".repeat(200)}.gguf`);
  assert.equal(name.length, 80);
  assert.ok(isValidModelName(name));
});
