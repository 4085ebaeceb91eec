import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readSettings } from "../settings/settings.js";
import { createHttpApp } from "../server/http-app.js";
import type { Engine } from "../engine/engine.js";
import { spawnEngine, type EngineProcess } from "../testing/registry/engine-process.js";
import { createTestModel, deadPort, generateOnce, postJson } from "./engine-fixture.js";
import { ENDPOINTS, type FuzzContext } from "./fuzz-endpoints.js";
import { fuzzCases, type FuzzCase } from "./fuzz-cases.js";
import { judge, type Verdict } from "./fuzz-verdict.js";
import { Histogram, mib, report } from "./figures.js";
import { isolateFromHome, processRss, Random } from "./hard-env.js";
import { clientAgent, NoReply, rawRequest } from "./raw-http.js";

const isolation = isolateFromHome();
const COUNT = Number(process.env.PADDOCK_FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.PADDOCK_FUZZ_SEED ?? 20_251_125);
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 60_000;
const CANARY = "paddock-canary-outside-the-ui-folder";

/** Runs the cases through a few keep-alive sockets, as a busy client would. */
async function runPool<T>(items: Iterable<T>, concurrency: number, each: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await each(next.value);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((entry) => join(entry.parentPath ?? entry.path, entry.name)).sort();
}

describe("fuzz: malformed and hostile requests on every endpoint", { timeout: 420_000 }, () => {
  let engine: EngineProcess;
  let ctx: FuzzContext;
  let root: string;
  let uiDir: string;

  before(async () => {
    root = join(isolation.dir, "fuzz");
    uiDir = join(root, "ui");
    await mkdir(join(uiDir, "assets"), { recursive: true });
    await writeFile(join(uiDir, "index.html"), "<!doctype html><title>Paddock</title>");
    await writeFile(join(uiDir, "assets", "app.js"), "console.log('ui')");
    await writeFile(join(root, "secret.txt"), CANARY);
    engine = await spawnEngine(join(root, "models"), { PADDOCK_UI_DIR: uiDir });
    const storedDigest = await createTestModel(engine.url, "tiny");
    const conversation = (await (await postJson(engine.url, "/api/paddock/conversations", { title: "fuzz" })).json()) as { id: string };
    const message = (await (await postJson(engine.url, `/api/paddock/conversations/${conversation.id}/messages`, { role: "user", content: "hi" })).json()) as { id: string };
    ctx = { model: "tiny", conversationId: String(conversation.id), messageId: String(message.id), deadRegistry: `127.0.0.1:${await deadPort()}`, storedDigest };
    // The first load (and the check in a throwaway process) happens here, not inside the timed fuzz.
    assert.equal((await generateOnce(engine.url, "tiny")).status, 200);
  });
  after(async () => {
    await engine?.stop();
    await isolation.cleanup();
  });

  test("the fuzz covers every route of the engine", () => {
    const app = createHttpApp({ settings: readSettings({}) } as unknown as Engine);
    const served = new Set(
      app.routes.filter((route) => route.method !== "ALL" && !route.path.startsWith("/app")).map((route) => `${route.method} ${route.path}`),
    );
    const fuzzed = new Set(ENDPOINTS.map((spec) => `${spec.method === "HEAD" ? "GET" : spec.method} ${spec.route}`));
    const missing = [...served].filter((route) => !fuzzed.has(route));
    assert.deepEqual(missing, [], `routes the fuzz does not cover: ${missing.join(", ")}`);
  });

  test(`${COUNT} malformed or hostile requests: every answer a 4xx with an error (or the contract's own answer), no crash`, async (t) => {
    const before = processRss(engine.child.pid!);
    const verdicts = new Histogram();
    const statuses = new Histogram();
    const byEndpoint = new Map<string, Histogram>();
    const contract = new Histogram();
    const violations: string[] = [];
    const agent = clientAgent(CONCURRENCY);
    const started = performance.now();
    const slow: Array<{ ms: number; line: string }> = [];
    const rssAt: string[] = [];
    let done = 0;
    await runPool(fuzzCases(new Random(SEED), ctx, COUNT), CONCURRENCY, async (fuzz: FuzzCase) => {
      let verdict: Verdict;
      let reason: string | undefined;
      let status = "no reply";
      try {
        const reply = await rawRequest(engine.url, fuzz.request, { agent, timeoutMs: REQUEST_TIMEOUT_MS });
        status = String(reply.status);
        if (reply.elapsedMs > 2_000) slow.push({ ms: reply.elapsedMs, line: `${fuzz.endpoint} [${fuzz.mutation}] → ${reply.status} at +${((performance.now() - started) / 1000).toFixed(1)} s` });
        ({ verdict, reason } = judge(fuzz, reply));
      } catch (error) {
        if (!(error instanceof NoReply)) throw error;
        verdict = "violation";
        reason = error.message;
      }
      verdicts.add(verdict);
      if (++done % 2_500 === 0) rssAt.push(`${done}: ${mib(processRss(engine.child.pid!) ?? 0)}`);
      statuses.add(status);
      if (!byEndpoint.has(fuzz.endpoint)) byEndpoint.set(fuzz.endpoint, new Histogram());
      byEndpoint.get(fuzz.endpoint)!.add(status);
      if (verdict === "contract") contract.add(reason!);
      if (verdict === "violation" && violations.length < 40) {
        violations.push(`${fuzz.endpoint} [${fuzz.mutation}] ${fuzz.request.method} ${fuzz.request.path.slice(0, 80)} body=${String(fuzz.request.body ?? "").slice(0, 100)} → ${reason}`);
      }
    });
    agent.destroy();
    const seconds = (performance.now() - started) / 1000;
    const alive = engine.child.exitCode === null && engine.child.signalCode === null;
    const after = processRss(engine.child.pid!);
    const lines = [
      `seed ${SEED}, ${verdicts.total} requests over ${byEndpoint.size} endpoints in ${seconds.toFixed(1)} s (${(verdicts.total / seconds).toFixed(0)}/s, ${CONCURRENCY} sockets)`,
      `answers slower than 2 s: ${slow.length}`,
      ...slow.sort((a, b) => b.ms - a.ms).slice(0, 8).map((entry) => `  ${entry.ms.toFixed(0)} ms ${entry.line}`),
      `verdicts: ${verdicts}`,
      `statuses: ${statuses}`,
      ...[...contract.keys()].map((rule) => `contract answer ${contract.get(rule)}× ${rule}`),
      ...[...byEndpoint.entries()].map(([endpoint, histogram]) => `${endpoint.padEnd(58)} ${histogram}`),
      `engine RSS ${before === undefined ? "?" : mib(before)} before, ${after === undefined ? "?" : mib(after)} after (by request count ${rssAt.join(", ")}); engine process ${alive ? "alive" : "DEAD"}`,
      ...violations.map((line) => `VIOLATION ${line}`),
    ];
    report(t, "Fuzz", lines);
    assert.ok(alive, `the engine died:\n${engine.output().slice(-3000)}`);
    assert.equal(verdicts.total, COUNT);
    assert.deepEqual(violations, []);
  });

  test("the engine still answers a generate request afterwards, and its store holds only what was there", async () => {
    const reply = await generateOnce(engine.url, "tiny", 5);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.eval_count, 5);
    const tags = (await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Array<{ name: string }> };
    assert.deepEqual(tags.models.map((model) => model.name), ["tiny:latest"]);
    // Nothing was written beside the engine's folders: names and digests never climbed out.
    const outside = (await listTree(root)).filter((path) => !path.startsWith(join(root, "models")) && !path.startsWith(uiDir));
    assert.deepEqual(outside, [join(root, "secret.txt")]);
  });

  test("hostile paths under /app/ never serve a file outside the UI folder and never fail", async (t) => {
    const random = new Random(SEED + 1);
    const statuses = new Histogram();
    const problems: string[] = [];
    const pieces = ["..", "%2e%2e", "..%2f", "%2e%2e%2f", "..%5c", "%252e%252e", "secret.txt", "assets", "app.js", "%00", "%E0%A4%A", "%", "%ff", "index.html", "", "//", "\\", "%2F"];
    for (let index = 0; index < 300; index++) {
      const path = `/app/${Array.from({ length: 1 + random.int(6) }, () => random.pick(pieces)).join(random.pick(["/", "", "%2f"]))}`;
      try {
        const reply = await rawRequest(engine.url, { method: random.pick(["GET", "HEAD"]), path }, { timeoutMs: 10_000 });
        statuses.add(reply.status);
        if (reply.status >= 500 || reply.body.includes(CANARY)) problems.push(`${path} → ${reply.status} ${reply.body.slice(0, 80)}`);
      } catch (error) {
        problems.push(`${path} → ${(error as Error).message}`);
      }
    }
    report(t, "Fuzz /app/ paths", [`300 requests: ${statuses}`, ...problems.slice(0, 20).map((line) => `PROBLEM ${line}`)]);
    assert.deepEqual(problems, []);
  });

  test("context token ids outside the vocabulary are a 400", async () => {
    const reply = await postJson(engine.url, "/api/generate", { model: "tiny", prompt: "hi", stream: false, context: [99_999_999], options: { num_predict: 2 } });
    assert.equal(reply.status, 400);
  });

  test("images that are not standard base64 are a 400 (spec §4.1)", async () => {
    const reply = await postJson(engine.url, "/api/generate", { model: "tiny", prompt: "hi", stream: false, images: ["!!! not base64"], options: { num_predict: 2 } });
    assert.equal(reply.status, 400);
  });
});
