import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseModelName } from "../names/model-name.js";
import { parseChallenge, tokenRequestUrl } from "./auth-challenge.js";
import { PartProgress, sliceBytesFor, sliceQueue } from "./download-slices.js";
import { planParts } from "./partial-files.js";
import { blobUrl, manifestUrl, registryBase, uploadsUrl } from "./registry-url.js";
import { DEFAULT_SIZING } from "./transfer-options.js";

const MB = 1_000_000;

describe("registry pieces", () => {
  test("parts: total/16 clamped to [100 MB, 1000 MB], the last part takes the rest", () => {
    assert.deepEqual(planParts(0, DEFAULT_SIZING), []);
    assert.deepEqual(planParts(50 * MB, DEFAULT_SIZING), [{ N: 0, Offset: 0, Size: 50 * MB, Completed: 0 }]);
    const mid = planParts(250 * MB, DEFAULT_SIZING);
    assert.deepEqual(mid.map((part) => part.Size), [100 * MB, 100 * MB, 50 * MB]);
    const big = planParts(3_200 * MB, DEFAULT_SIZING);
    assert.equal(big.length, 16);
    assert.ok(big.every((part) => part.Size === 200 * MB));
    const huge = planParts(40_000 * MB + 7, DEFAULT_SIZING);
    assert.equal(huge[0].Size, 1_000 * MB);
    assert.equal(huge[huge.length - 1].Size, 7);
    assert.equal(huge.reduce((sum, part) => sum + part.Size, 0), 40_000 * MB + 7);
  });

  test("slices: one request per part on one connection, blob-ordered slices on several; saved progress stops at the first gap", () => {
    const sizing = { ...DEFAULT_SIZING, minPartBytes: 100, sliceBytes: 30 };
    const parts = planParts(250, sizing);
    assert.deepEqual(parts.map((part) => part.Size), [100, 100, 50]);
    assert.equal(sliceBytesFor(250, parts, sizing), 30);
    assert.equal(sliceBytesFor(250, parts, { ...sizing, concurrency: 1 }), 100);
    const progress = parts.map((part) => new PartProgress(part, 30));
    assert.deepEqual(sliceQueue(progress).map(({ slice }) => [slice.start, slice.end]), [
      [0, 30], [30, 60], [60, 90], [90, 100], [100, 130], [130, 160], [160, 190], [190, 200], [200, 230], [230, 250],
    ]);
    const [first] = progress;
    first.slices[1].written = 30;
    assert.equal(first.completed, 0);
    assert.equal(first.received, 30);
    first.slices[0].written = 12;
    assert.equal(first.completed, 12);
    first.slices[0].written = 30;
    assert.equal(first.completed, 60);
    assert.deepEqual(first.snapshot(), { N: 0, Offset: 0, Size: 100, Completed: 60 });
    // A resumed part only slices what is missing.
    const resumed = new PartProgress({ N: 1, Offset: 100, Size: 100, Completed: 70 }, 30);
    assert.deepEqual(resumed.slices.map((slice) => [slice.start, slice.end]), [[170, 200]]);
  });

  test("challenges: quoted values, commas inside quotes, any order", () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://r.example/token",service="registry",scope="repository:a/b:pull"'), {
      realm: "https://r.example/token",
      service: "registry",
      scope: "repository:a/b:pull",
    });
    assert.deepEqual(parseChallenge('Bearer scope="repository:a/b:pull,push",realm="https://r.example/t",service=svc'), {
      realm: "https://r.example/t",
      service: "svc",
      scope: "repository:a/b:pull,push",
    });
    const url = tokenRequestUrl({ realm: "https://r.example/token?x=1", service: "s", scope: "one two" });
    assert.equal(url.searchParams.get("x"), "1");
    assert.deepEqual(url.searchParams.getAll("scope"), ["one", "two"]);
    assert.equal(url.searchParams.get("service"), "s");
  });

  test("registry URLs: https by default, http when insecure, a scheme in the name is ignored, hosts can be redirected", () => {
    const name = parseModelName("llama3.2")!;
    assert.equal(registryBase(name, false).href, "https://registry.ollama.ai/");
    assert.equal(manifestUrl(registryBase(name, false), name).href, "https://registry.ollama.ai/v2/library/llama3.2/manifests/latest");
    const local = parseModelName("http://localhost:5000/me/m:t")!;
    assert.equal(manifestUrl(registryBase(local, false), local).href, "https://localhost:5000/v2/me/m/manifests/t");
    assert.equal(manifestUrl(registryBase(local, true), local).href, "http://localhost:5000/v2/me/m/manifests/t");
    const hf = parseModelName("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")!;
    assert.deepEqual([hf.host, hf.namespace, hf.model, hf.tag], ["hf.co", "bartowski", "Llama-3.2-1B-Instruct-GGUF", "Q4_K_M"]);
    assert.equal(manifestUrl(registryBase(hf, false), hf).href, "https://hf.co/v2/bartowski/Llama-3.2-1B-Instruct-GGUF/manifests/Q4_K_M");
    const mirrored = registryBase(hf, false, { "hf.co": "http://127.0.0.1:9/mirror/" });
    assert.equal(blobUrl(mirrored, hf, "sha256:ab").href, "http://127.0.0.1:9/mirror/v2/bartowski/Llama-3.2-1B-Instruct-GGUF/blobs/sha256:ab");
    assert.equal(uploadsUrl(registryBase(local, true), local).href, "http://localhost:5000/v2/me/m/blobs/uploads/");
  });
});
