import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { keepAliveField } from "./commands/run.js";
import { processorText, untilText } from "./commands/ps.js";
import { metricsSummary } from "./metrics-summary.js";
import { ProgressBar } from "./progress/progress-bar.js";
import { ProgressDisplay } from "./progress/progress-display.js";
import { TransferProgress } from "./progress/transfer-progress.js";
import { ResponseWriter } from "./response-writer.js";
import { formatField } from "./run-options.js";
import { parseSessionParameter } from "./session-parameter.js";
import { inferThink, parseThinkFlag } from "./think-option.js";

/** A stand-in for stderr that records what is written. */
function recorder(isTTY = false): NodeJS.WriteStream & { text: string } {
  const sink = { text: "", isTTY, columns: 80, rows: 24, write: (chunk: string) => ((sink.text += chunk), true) };
  return sink as unknown as NodeJS.WriteStream & { text: string };
}

describe("ProgressBar", () => {
  test("a running transfer shows percent, sizes, speed and time left", () => {
    let now = 0;
    const bar = new ProgressBar("pulling 0123456789ab:", 10_000_000, 0, () => now);
    now = 2000;
    bar.set(2_000_000);
    const line = bar.line(80);
    // One column short of the width, as Ollama leaves it, so the terminal never wraps the line.
    assert.equal(line.length, 79);
    assert.match(line, /^pulling 0123456789ab:  20% ▕█+ +▏ {3}2 MB\/ 10 MB {4}1 MB\/s {6}8s$/);
  });

  test("a finished transfer shows the total only", () => {
    const bar = new ProgressBar("pulling 0123456789ab:", 741_000, 741_000);
    assert.equal(bar.finished, true);
    assert.match(bar.line(80), /^pulling 0123456789ab: 100% ▕█+▏ 741 KB {25}$/);
  });
});

describe("TransferProgress outside a terminal", () => {
  test("writes each status once, and each bar when its layer is done", () => {
    const out = recorder();
    const progress = new TransferProgress({ barLabel: (update) => `pulling ${update.digest.slice(7, 19)}:`, skipUnstarted: true }, new ProgressDisplay(out));
    const digest = `sha256:${"ab".repeat(32)}`;
    progress.handle({ status: "pulling manifest" });
    progress.handle({ status: "pulling abababababab", digest, total: 100 });
    progress.handle({ status: "pulling abababababab", digest, total: 100, completed: 50 });
    progress.handle({ status: "pulling abababababab", digest, total: 100, completed: 100 });
    progress.handle({ status: "verifying sha256 digest" });
    progress.handle({ status: "success" });
    progress.stop();
    const lines = out.text.split("\n");
    assert.deepEqual([lines[0], lines[2], lines[3], lines[4]], ["pulling manifest", "verifying sha256 digest", "success", ""]);
    assert.match(lines[1] ?? "", /^pulling abababababab: 100% ▕█+▏ {2}100 B$/);
    assert.doesNotMatch(out.text, /\x1b/);
  });
});

describe("metricsSummary", () => {
  test("Ollama's labels, Go durations and rates", () => {
    const text = metricsSummary({
      total_duration: 1_234_567_891,
      load_duration: 12_500_000,
      prompt_eval_count: 8,
      prompt_eval_duration: 4_000_000,
      eval_count: 6,
      eval_duration: 3_000_000_000,
    });
    assert.equal(
      text,
      "total duration:       1.234567891s\n" +
        "load duration:        12.5ms\n" +
        "prompt eval count:    8 token(s)\n" +
        "prompt eval duration: 4ms\n" +
        "prompt eval rate:     2000.00 tokens/s\n" +
        "eval count:           6 token(s)\n" +
        "eval duration:        3s\n" +
        "eval rate:            2.00 tokens/s\n",
    );
  });
  test("zero values are left out", () => assert.equal(metricsSummary({ eval_count: 2 }), "eval count:           2 token(s)\n"));
});

describe("ps columns", () => {
  test("processor", () => {
    assert.equal(processorText({ size: 100, size_vram: 0 }), "100% CPU");
    assert.equal(processorText({ size: 100, size_vram: 100 }), "100% GPU");
    assert.equal(processorText({ size: 100, size_vram: 75 }), "25%/75% CPU/GPU");
    assert.equal(processorText({ size: 100, size_vram: 200 }), "Unknown");
  });
  test("until", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    assert.equal(untilText("2026-01-01T00:04:30Z", now), "4 minutes from now");
    assert.equal(untilText("2025-12-31T23:59:59Z", now), "Stopping...");
    assert.equal(untilText("2318-01-01T00:00:00Z", now), "Forever");
  });
});

describe("ResponseWriter", () => {
  test("without word wrap the text passes through", () => {
    const out = recorder();
    new ResponseWriter(out, false, () => 20).write("a long line that is not wrapped at all");
    assert.equal(out.text, "a long line that is not wrapped at all");
  });
  test("a word crossing the margin moves to the next line", () => {
    const out = recorder();
    const writer = new ResponseWriter(out, true, () => 20);
    writer.write("hello there wonderful world");
    assert.equal(out.text, "hello there won\x1b[3D\x1b[K\nwonderful world");
  });
});

describe("run options", () => {
  test("/set parameter types values as Ollama's FormatParams does", () => {
    assert.equal(parseSessionParameter("num_predict", ["5"]), 5);
    assert.equal(parseSessionParameter("temperature", ["0.7"]), 0.7);
    assert.deepEqual(parseSessionParameter("stop", ["<|a|>", "<|b|>"]), ["<|a|>", "<|b|>"]);
    assert.throws(() => parseSessionParameter("nope", ["1"]), { message: "unknown parameter 'nope'" });
    assert.throws(() => parseSessionParameter("num_ctx", ["a", "b"]), { message: "invalid int value [a b]" });
  });
  test("--keepalive becomes a Go duration or -1", () => {
    assert.equal(keepAliveField("5m"), "5m0s");
    assert.equal(keepAliveField("0"), "0s");
    assert.equal(keepAliveField("-1m"), -1);
    assert.throws(() => keepAliveField("10"), { message: 'time: missing unit in duration "10"' });
  });
  test("--think", () => {
    assert.equal(parseThinkFlag("true"), true);
    assert.equal(parseThinkFlag("false"), false);
    assert.equal(parseThinkFlag("high"), "high");
    assert.throws(() => parseThinkFlag("lots"), /invalid value for --think: "lots"/);
    assert.equal(inferThink(["completion", "thinking"], undefined, false), true);
    assert.equal(inferThink(["completion"], undefined, false), undefined);
    assert.equal(inferThink(["thinking"], false, true), false);
  });
  test("--format", () => {
    assert.equal(formatField(""), undefined);
    assert.equal(formatField("json"), "json");
    assert.deepEqual(formatField('{"type":"object"}'), { type: "object" });
    assert.throws(() => formatField("xml"), /invalid format/);
  });
});
