import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { copyFile, readFile, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { spawnEngine, type EngineProcess } from "../testing/registry/engine-process.js";
import { testModelPath } from "../testing/test-model-file.js";
import { writeAbortingModel } from "../testing/aborting-model.js";
import { createTestModel, generateOnce, postJson } from "./engine-fixture.js";
import { report } from "./figures.js";
import { isolateFromHome } from "./hard-env.js";

const isolation = isolateFromHome();

interface Corruption {
  name: string;
  /** Damages the stored blob after the model was created (and, for "rewritten", after it ran once). */
  damage(blob: string): Promise<void>;
  runFirst?: boolean;
}

const CORRUPTIONS: Corruption[] = [
  { name: "truncated to 1000 bytes", damage: (blob) => truncate(blob, 1000) },
  { name: "truncated to half", damage: async (blob) => truncate(blob, Math.floor((await readFile(blob)).length / 2)) },
  { name: "overwritten with bytes that are not GGUF", damage: async (blob) => writeFile(blob, randomBytes((await readFile(blob)).length)) },
  {
    name: "GGUF magic kept, metadata garbled",
    damage: async (blob) => {
      const bytes = await readFile(blob);
      randomBytes(4096).copy(bytes, 24);
      await writeFile(blob, bytes);
    },
  },
  {
    name: "rewritten in place with a model that aborts llama.cpp, after it had loaded fine",
    runFirst: true,
    damage: async (blob) => {
      await writeAbortingModel(`${blob}.abort`);
      await copyFile(`${blob}.abort`, blob);
    },
  },
];

describe("corrupt, truncated and non-GGUF model files", { timeout: 240_000 }, () => {
  let engine: EngineProcess;

  after(async () => {
    await engine?.stop().catch(() => {});
    await isolation.cleanup();
  });

  test("each one is a clear error on load; the engine process stays up and other models keep working", async (t) => {
    const modelsDir = join(isolation.dir, "models");
    engine = await spawnEngine(modelsDir);
    await createTestModel(engine.url, "good");
    const alive = () => engine.child.exitCode === null && engine.child.signalCode === null;
    const lines: string[] = [];
    const failures: string[] = [];

    // A file that is not GGUF at all never becomes a model.
    const junk = randomBytes(100_000);
    const junkDigest = `sha256:${createHash("sha256").update(junk).digest("hex")}`;
    await fetch(`${engine.url}/api/blobs/${junkDigest}`, { method: "POST", body: junk });
    const refused = await postJson(engine.url, "/api/create", { model: "junk", files: { "junk.gguf": junkDigest }, stream: false });
    const refusedError = ((await refused.json()) as { error?: string }).error;
    lines.push(`create from a non-GGUF upload: ${refused.status} "${refusedError}"`);
    if (refused.status !== 400 || !/not in GGUF format/.test(refusedError ?? "")) failures.push("create from junk");

    // A model whose file aborts llama.cpp from the start (the probe in a throwaway process catches it).
    await writeAbortingModel(join(isolation.dir, "abort.gguf"));
    await createTestModel(engine.url, "aborts", join(isolation.dir, "abort.gguf"));
    const cases: Array<{ name: string; model: string }> = [{ name: "aborts llama.cpp (GGML_ASSERT) on load", model: "aborts" }];

    for (const [index, corruption] of CORRUPTIONS.entries()) {
      const model = `damaged-${index}`;
      const digest = await createTestModel(engine.url, model, await testModelPath({ seed: 100 + index }));
      if (corruption.runFirst) assert.equal((await generateOnce(engine.url, model)).status, 200);
      if (corruption.runFirst) await postJson(engine.url, "/api/generate", { model, keep_alive: 0 });
      await corruption.damage(join(modelsDir, "blobs", digest.replace(":", "-")));
      cases.push({ name: corruption.name, model });
    }

    for (const { name, model } of cases) {
      const reply = await postJson(engine.url, "/api/generate", { model, prompt: "hi", stream: false, options: { num_predict: 3 } }, { signal: AbortSignal.timeout(120_000) });
      const error = ((await reply.json()) as { error?: string }).error ?? "";
      const good = await generateOnce(engine.url, "good");
      const clear = reply.status === 500 && /^(unable to load model: |llama runner process has terminated: )/.test(error);
      lines.push(`${name}: ${reply.status} "${error.replace(/\/\S+\/blobs\/sha256-[0-9a-f]{64}/, "<blob>").slice(0, 140)}"; engine ${alive() ? "up" : "DOWN"}, "good" answers ${good.status}`);
      if (!clear || !alive() || good.body.eval_count !== 3) failures.push(name);
    }
    report(t, "Corrupt model files", lines);
    assert.ok(alive(), engine.output().slice(-2000));
    assert.deepEqual(failures, []);
  });
});
