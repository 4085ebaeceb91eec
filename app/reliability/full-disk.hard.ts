import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, readFile, rm, statfs } from "node:fs/promises";
import { join } from "node:path";
import { MEDIA_TYPES } from "../store/manifest.js";
import { spawnEngine, type EngineProcess } from "../testing/registry/engine-process.js";
import { readLines } from "../testing/registry/ndjson-reader.js";
import { TestRegistry } from "../testing/registry/test-registry.js";
import { testModelPath } from "../testing/test-model-file.js";
import { createTestModel, generateOnce, postJson } from "./engine-fixture.js";
import { mib, report } from "./figures.js";
import { isolateFromHome } from "./hard-env.js";
import { checkStore } from "./store-check.js";

const isolation = isolateFromHome();
const SIZE = "2m";

/** A 2 MiB tmpfs to run the engine's models folder on; undefined (with the reason) where mounting is not allowed. */
function mountSmallDisk(dir: string): string | undefined {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${SIZE}`, "tmpfs", dir], { stdio: "pipe" });
    return undefined;
  } catch (error) {
    return `cannot mount a ${SIZE} tmpfs here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()}); run the hard suite as root to include this test`;
  }
}

/** Writes filler until the disk refuses; returns how many bytes went in. */
async function fillDisk(path: string): Promise<number> {
  const handle = await open(path, "w");
  const chunk = Buffer.alloc(4096, 1);
  let written = 0;
  try {
    for (;;) {
      await handle.write(chunk);
      written += chunk.length;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    await handle.close().catch(() => {});
  }
  return written;
}

async function errorOf(reply: Response): Promise<{ status: number; error: string }> {
  const text = await reply.text();
  const lines = text.trim().split("\n");
  const last = JSON.parse(lines[lines.length - 1] || "{}") as { error?: string; status?: string };
  return { status: reply.status, error: last.error ?? `(no error; last status "${last.status}")` };
}

describe("a full disk", { timeout: 180_000 }, () => {
  const mountPoint = join(isolation.dir, "small-disk");
  let engine: EngineProcess | undefined;
  let mounted = false;

  after(async () => {
    await engine?.stop().catch(() => {});
    if (mounted) execFileSync("umount", ["-l", mountPoint]);
    await isolation.cleanup();
  });

  test(`on a ${SIZE} tmpfs: uploads, creates, copies and pulls that do not fit fail with a clear error, and nothing is corrupt`, async (t) => {
    const refusal = mountSmallDisk(mountPoint);
    if (refusal) {
      report(t, "Full disk", [`SKIPPED: ${refusal}`]);
      t.skip(`SKIPPED LOUDLY: ${refusal}`);
      return;
    }
    mounted = true;
    const modelsDir = join(mountPoint, "models");
    const registry = await TestRegistry.start();
    try {
      // A model with other weights than "tiny", so pulling it needs real space.
      const weights = await readFile(await testModelPath({ seed: 9 }));
      registry.publish("library/other:latest", [{ mediaType: MEDIA_TYPES.model, data: weights }, { mediaType: MEDIA_TYPES.template, data: "{{ .Prompt }}" }]);
      engine = await spawnEngine(modelsDir);
      await createTestModel(engine.url, "tiny");
      const lines: string[] = [`free after creating "tiny": ${mib((await statfs(mountPoint)).bavail * (await statfs(mountPoint)).bsize)}`];

      // 1. An upload bigger than what is left.
      const big = randomBytes(1_600_000);
      const bigDigest = `sha256:${createHash("sha256").update(big).digest("hex")}`;
      const upload = await errorOf(await fetch(`${engine.url}/api/blobs/${bigDigest}`, { method: "POST", body: big }));
      const uploadHead = (await fetch(`${engine.url}/api/blobs/${bigDigest}`, { method: "HEAD" })).status;
      lines.push(`upload of ${mib(big.length)}: ${upload.status} "${upload.error}"; HEAD afterwards ${uploadHead}`);

      // 2. A full disk: creates, copies and pulls that need any space at all.
      const filler = await fillDisk(join(mountPoint, "filler"));
      const create = await errorOf(await postJson(engine.url, "/api/create", { model: "tiny-2", from: "tiny", system: "x".repeat(20_000), stream: false }));
      const copy = await errorOf(await postJson(engine.url, "/api/copy", { source: "tiny", destination: "tiny-copy" }));
      const pullLines = await readLines(await postJson(engine.url, "/api/pull", { model: `${registry.host}/library/other`, insecure: true }));
      const pullError = String(pullLines[pullLines.length - 1]?.error ?? pullLines[pullLines.length - 1]?.status);
      const whileFull = await checkStore(modelsDir);
      const tagsWhileFull = ((await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Array<{ name: string }> }).models.map((model) => model.name);
      const generated = await generateOnce(engine.url, "tiny");
      lines.push(
        `disk filled with ${mib(filler)} more; create: ${create.status} "${create.error}"; copy: ${copy.status} "${copy.error}"; pull (stream): "${pullError}"`,
        `while full: /api/tags [${tagsWhileFull.join(", ")}], store problems ${whileFull.problems.length}, leftovers ${whileFull.leftovers.length} [${whileFull.leftovers.join(", ")}]; generate on "tiny": ${generated.status} eval_count ${generated.body.eval_count}`,
      );

      // 3. Space comes back: the same requests succeed without a restart.
      await rm(join(mountPoint, "filler"));
      const createAgain = (await postJson(engine.url, "/api/create", { model: "tiny-2", from: "tiny", system: "x".repeat(20_000), stream: false })).status;
      const copyAgain = (await postJson(engine.url, "/api/copy", { source: "tiny", destination: "tiny-copy" })).status;
      const recovered = await checkStore(modelsDir);
      lines.push(`after freeing the space: create ${createAgain}, copy ${copyAgain}; store complete [${recovered.complete.length} models], problems ${recovered.problems.length}, leftovers ${recovered.leftovers.length}`);
      report(t, "Full disk", lines);

      for (const failure of [upload, create, copy]) {
        assert.ok(failure.status >= 400, `${failure.status} ${failure.error}`);
        assert.match(failure.error, /no space left on device/i);
      }
      assert.match(pullError, /no space left on device/i);
      assert.equal(uploadHead, 404);
      assert.deepEqual(tagsWhileFull, ["tiny:latest"]);
      assert.deepEqual(whileFull.problems, []);
      // Nothing half-written stays behind: temp files are removed when a write fails.
      assert.deepEqual(whileFull.leftovers.filter((path) => !path.includes("partial")), []);
      assert.equal(generated.body.eval_count, 3);
      assert.equal(createAgain, 200);
      assert.equal(copyAgain, 200);
      assert.deepEqual(recovered.problems, []);
    } finally {
      await registry.close();
    }
  });
});
