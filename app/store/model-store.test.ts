import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parseModelName } from "../names/model-name.js";
import { MEDIA_TYPES, type Manifest } from "./manifest.js";
import { DigestMismatchError, ModelStore } from "./model-store.js";

function name(text: string) {
  const parsed = parseModelName(text);
  if (!parsed) throw new Error(`bad test name ${text}`);
  return parsed;
}

describe("ModelStore", () => {
  let root: string;
  let store: ModelStore;
  let manifest: Manifest;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "paddock-store-"));
    store = new ModelStore(root);
    await store.init();
    const config = await store.writeBlob("{}");
    const model = await store.writeBlob("weights");
    manifest = {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.manifest,
      config: { mediaType: MEDIA_TYPES.config, digest: config.digest, size: config.size },
      layers: [{ mediaType: MEDIA_TYPES.model, digest: model.digest, size: model.size }],
    };
  });
  after(() => rm(root, { recursive: true, force: true }));

  test("a manifest read again is the same until its file changes, also when another program changes it", async () => {
    const model = name("cached:latest");
    await store.writeManifest(model, manifest);
    const first = await store.readManifest(model);
    first!.manifest.layers.length = 0; // a caller changing its copy changes nothing stored
    assert.deepEqual((await store.readManifest(model))?.manifest, manifest);

    // Rewritten in place with as many bytes, as an editor or another engine might: the new content counts.
    const path = store.manifestPath(model);
    const changed = JSON.stringify({ ...manifest, layers: [{ ...manifest.layers[0], size: 8 }] });
    const original = JSON.stringify(manifest);
    await writeFile(path, changed.length === original.length ? changed : JSON.stringify({ ...manifest, schemaVersion: 2 }));
    const reread = await store.readManifest(model);
    assert.notEqual(reread?.digest, first?.digest);
    await rm(path);
    assert.equal(await store.readManifest(model), undefined);
  });

  test("manifests live at manifests/<host>/<namespace>/<model>/<tag>", async () => {
    await store.writeManifest(name("Llama3.2:1b"), manifest);
    assert.deepEqual(await readdir(join(root, "manifests", "registry.ollama.ai", "library", "Llama3.2")), ["1b"]);
    await store.writeManifest(name("localhost:5000/me/m:t"), manifest);
    assert.deepEqual(await readdir(join(root, "manifests", "localhost:5000", "me", "m")), ["t"]);
  });

  test("names resolve case-insensitively, keeping the casing on disk", async () => {
    const resolved = await store.resolveExisting(name("LLAMA3.2:1B"));
    assert.equal(resolved.model, "Llama3.2");
    assert.equal(resolved.tag, "1b");
    assert.ok(await store.readManifest(resolved));
  });

  test("temp files and files at the wrong depth are never listed", async () => {
    const dir = join(root, "manifests", "registry.ollama.ai", "library", "Llama3.2");
    await writeFile(join(dir, ".1b.abc.tmp"), "{half");
    await mkdir(join(root, "manifests", "stray"), { recursive: true });
    await writeFile(join(root, "manifests", "stray", "file"), "{}");
    const listed = (await store.listManifests()).map((stored) => `${stored.name.host}/${stored.name.namespace}/${stored.name.model}:${stored.name.tag}`);
    assert.deepEqual(listed.sort(), ["localhost:5000/me/m:t", "registry.ollama.ai/library/Llama3.2:1b"]);
    await rm(join(root, "manifests", "stray"), { recursive: true });
    await rm(join(dir, ".1b.abc.tmp"));
  });

  test("a corrupt manifest is skipped and reported, not fatal", async () => {
    const dir = join(root, "manifests", "registry.ollama.ai", "library", "broken");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "latest"), "{not json");
    const skipped: string[] = [];
    const listed = await store.listManifests((path) => skipped.push(path));
    assert.equal(listed.length, 2);
    assert.deepEqual(skipped, [join("registry.ollama.ai", "library", "broken", "latest")]);
    await rm(dir, { recursive: true });
  });

  test("a streamed blob appears only when its digest matches", async () => {
    const bytes = Buffer.from("hello blob");
    const good = await store.writeBlobFromStream(Readable.from([bytes]));
    assert.ok(await store.hasBlob(good.digest));
    await assert.rejects(store.writeBlobFromStream(Readable.from([bytes]), `sha256:${"1".repeat(64)}`), DigestMismatchError);
    assert.equal(await store.hasBlob(`sha256:${"1".repeat(64)}`), false);
    assert.deepEqual((await readdir(store.blobsDir)).filter((file) => file.startsWith(".")), []);
  });

  test("a failing upload stream leaves nothing behind", async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from("partial"));
        this.destroy(new Error("connection reset"));
      },
    });
    await assert.rejects(store.writeBlobFromStream(failing));
    assert.deepEqual((await readdir(store.blobsDir)).filter((file) => file.startsWith(".")), []);
  });

  test("deleting prunes empty directories; blobs go only when nothing references them", async () => {
    await store.deleteManifest(name("localhost:5000/me/m:t"));
    assert.deepEqual((await readdir(join(root, "manifests"))).sort(), ["registry.ollama.ai"]);
    assert.deepEqual(await store.removeUnreferencedBlobs([manifest.layers[0].digest]), []);
    await store.deleteManifest(await store.resolveExisting(name("llama3.2:1b")));
    assert.deepEqual(await store.removeUnreferencedBlobs([manifest.layers[0].digest]), [manifest.layers[0].digest]);
  });

  test("startup maintenance renames colon blobs and prunes old strays but keeps partial downloads", async () => {
    const hex = "a".repeat(64);
    await writeFile(join(store.blobsDir, `sha256:${hex}`), "x");
    await writeFile(join(store.blobsDir, `sha256-${"b".repeat(64)}-partial`), "x");
    await writeFile(join(store.blobsDir, "stray"), "x");
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(store.blobsDir, "stray"), old, old);
    await store.maintain({ prune: true });
    const files = await readdir(store.blobsDir);
    assert.ok(!files.includes("stray"));
    assert.ok(files.includes(`sha256-${"b".repeat(64)}-partial`));
    assert.ok(files.includes(`sha256-${hex}`), "a young unreferenced blob stays");
  });
});
