// End-to-end: `paddock run/ps/stop/pull` as child processes against a real test engine and test registry.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";
import { publishTestModel } from "../testing/registry/publish-test-model.js";
import { TestRegistry } from "../testing/registry/test-registry.js";
import { runPaddock, spawnPaddock, type CliOptions } from "./testing/run-paddock.js";

const STAT_LABELS = [
  "total duration:       ",
  "load duration:        ",
  "prompt eval count:    ",
  "prompt eval duration: ",
  "prompt eval rate:     ",
  "eval count:           ",
  "eval duration:        ",
  "eval rate:            ",
];

describe("paddock run, ps, stop, pull", () => {
  let engine: TestEngine;
  let registry: TestRegistry;
  let cli: CliOptions;
  const paddock = (...args: string[]) => runPaddock(args, cli);

  before(async () => {
    engine = await startTestEngine();
    registry = await TestRegistry.start();
    // Short answers keep the suite fast; the model's output is word salad that never ends by itself.
    await createModelFromFile(engine, "tiny", await testModelPath(), { parameters: { num_predict: 6 } });
    cli = { host: new URL(engine.url).host };
  });
  after(async () => {
    await engine.close();
    await registry.close();
  });

  test("a prompt argument gets a one-shot answer followed by a blank line", async () => {
    const result = await paddock("run", "tiny", "hello", "there");
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ ?\S.*\n\n$/s);
    assert.equal(result.stderr, "");
  });

  test("piped stdin is the prompt", async () => {
    const result = await runPaddock(["run", "tiny"], { ...cli, input: "tell me something\n" });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ ?\S.*\n\n$/s);
  });

  test("--verbose prints Ollama's statistics on stderr", async () => {
    const result = await paddock("run", "tiny", "--verbose", "count", "for", "me");
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stderr.trimEnd().split("\n");
    assert.deepEqual(lines.map((line) => line.slice(0, 22)), STAT_LABELS);
    assert.equal(lines[5], "eval count:           6 token(s)");
    assert.match(lines[0] ?? "", /^total duration: {7}\d+(\.\d+)?(ms|s|µs)$/);
    assert.match(lines[7] ?? "", /^eval rate: {12}\d+\.\d\d tokens\/s$/);
  });

  test("ps lists the model loaded by run", async () => {
    const result = await paddock("ps");
    assert.equal(result.code, 0, result.stderr);
    const [header = "", row = ""] = result.stdout.split("\n");
    assert.match(header, /^NAME {11}ID {14}SIZE {6}PROCESSOR {4}CONTEXT {4}UNTIL {1,}$/);
    assert.match(row, /^tiny:latest {4}[0-9a-f]{12} {4}\S+ [KMG]?B +100% CPU {5}\d+ +(4|5) minutes from now {4}$/);
    assert.equal(row.indexOf("100% CPU"), header.indexOf("PROCESSOR"));
  });

  test("the interactive chat reads lines, a \"\"\" block and commands until /bye", async () => {
    const input = [
      "/set parameter num_predict 3",
      "first message",
      '"""multi',
      "line",
      'message"""',
      "/show parameters",
      "/set system be brief",
      "/clear",
      "/nonsense",
      "/bye",
      "never sent",
      "",
    ].join("\n");
    const result = await runPaddock(["run", "tiny", "--interactive", "--verbose"], { ...cli, input });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^>>> Set parameter 'num_predict' to '3'\n/);
    // Two answers: the single line and the """ block, each ended by a blank line.
    assert.equal(result.stderr.match(/^eval count: {11}3 token\(s\)$/gm)?.length, 2, result.stderr);
    assert.match(result.stdout, /\n>>> \.\.\. \.\.\.  ?\S[^\n]*\n\n/);
    assert.match(result.stdout, /User defined parameters:\n {2}num_predict {20}3\n/);
    assert.match(result.stdout, /Set system message\.\n/);
    assert.match(result.stdout, /Cleared session context\n/);
    assert.match(result.stdout, /Unknown command '\/nonsense'\. Type \/\? for help\n/);
    assert.doesNotMatch(result.stdout, /never sent/);
  });

  test("Ctrl-C stops the answer but not the chat", async () => {
    const child = spawnPaddock(["run", "tiny", "--interactive"], { ...cli, keepStdinOpen: true });
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const closed = once(child, "close");
    // No length limit: only the interrupt can end this answer.
    child.stdin?.write("/set parameter num_predict -1\nwrite forever\n");
    const started = Date.now();
    // Text after the second prompt means the answer is streaming.
    while (!/'-1'\n>>> ./s.test(stdout) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGINT");
    while (!/\n\n>>> $/.test(stdout) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    child.stdin?.end("/bye\n");
    const [code] = await closed;
    assert.equal(code, 0);
    assert.match(stdout, /^>>> Set parameter 'num_predict' to '-1'\n>>> \S?.+\n\n>>> $/s);
  });

  test("stop unloads the model", async () => {
    const result = await paddock("stop", "tiny");
    assert.equal(result.code, 0, result.stderr);
    // Gone, or on its way out while the runner exits (Ollama shows the same).
    const row = (await paddock("ps")).stdout.split("\n").find((line) => line.startsWith("tiny:"));
    assert.ok(row === undefined || /Stopping\.\.\. {4}$/.test(row), row);
  });

  test("pull shows each step and a bar per layer", async () => {
    await publishTestModel(registry, "library/pulled:latest", { params: { num_predict: 4 } });
    const name = `${registry.host}/library/pulled`;
    const result = await paddock("pull", "--insecure", name);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stderr.trimEnd().split("\n");
    assert.equal(lines[0], "pulling manifest");
    assert.ok(lines.some((line) => /^pulling [0-9a-f]{12}: 100% ▕█+▏ +\d+(\.\d)? [KM]?B$/.test(line)), result.stderr);
    assert.deepEqual(lines.slice(-3), ["verifying sha256 digest", "writing manifest", "success"]);
    assert.match((await paddock("list")).stdout, new RegExp(`^${registry.host}/library/pulled:latest `, "m"));
  });

  test("an interrupted pull finishes when pulled again", async () => {
    await publishTestModel(registry, "library/slow:latest");
    registry.modes.throttleBytesPerSecond = 200_000;
    const name = `${registry.host}/library/slow`;
    const first = spawnPaddock(["pull", "--insecure", name], cli);
    const started = Date.now();
    while (!registry.log.some((entry) => entry.server === "bytes") && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    first.kill("SIGINT");
    await once(first, "close");
    registry.modes.throttleBytesPerSecond = 0;
    const second = await paddock("pull", "--insecure", name);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /success\n$/);
  });

  test("run pulls a model that is not here yet, then answers", async () => {
    await publishTestModel(registry, "library/fresh:latest", { params: { num_predict: 3 } });
    const result = await paddock("run", "--insecure", `${registry.host}/library/fresh`, "hi");
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^pulling manifest\n/);
    assert.match(result.stderr, /success\n$/);
    assert.match(result.stdout, /^ ?\S.*\n\n$/s);
  });

  test("a model the registry does not have is an error", async () => {
    const result = await paddock("run", "--insecure", `${registry.host}/library/missing`, "hi");
    assert.equal(result.code, 1);
    assert.match(result.stderr, /\nError: pull model manifest: file does not exist\n$/);
  });
});
