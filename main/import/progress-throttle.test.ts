import { test } from "node:test";
import assert from "node:assert/strict";
import { throttleProgress, type ProgressStep } from "./progress-throttle.js";

test("byte counts are limited to one event per interval; phase changes and the end always pass", () => {
  let now = 0;
  const seen: ProgressStep[] = [];
  const progress = throttleProgress((step) => seen.push(step), 100, () => now);
  progress({ phase: "hashing", completed: 0, total: 10 });
  progress({ phase: "hashing", completed: 1, total: 10 });
  now = 50;
  progress({ phase: "hashing", completed: 2, total: 10 });
  now = 120;
  progress({ phase: "hashing", completed: 3, total: 10 });
  progress({ phase: "hashing", completed: 10, total: 10 });
  progress({ phase: "uploading", completed: 0, total: 10 });
  progress({ phase: "creating", status: "parsing GGUF" });
  progress({ phase: "creating", status: "success" });
  assert.deepEqual(
    seen.map((step) => step.completed ?? step.status),
    [0, 3, 10, 0, "parsing GGUF", "success"],
  );
});
