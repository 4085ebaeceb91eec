import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createModelFromFile, sha256File, sha256Text, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";

describe("model management over HTTP", () => {
  let engine: TestEngine;
  let gguf: string;

  before(async () => {
    engine = await startTestEngine();
    gguf = await testModelPath();
  });
  after(() => engine.close());

  test("GET and HEAD / say Ollama is running", async () => {
    const get = await fetch(`${engine.url}/`);
    assert.equal(get.status, 200);
    assert.equal(get.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(await get.text(), "Ollama is running");
    const head = await fetch(`${engine.url}/`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), "");
  });

  test("version is semver-shaped JSON", async () => {
    const reply = await fetch(`${engine.url}/api/version`);
    assert.equal(reply.headers.get("content-type"), "application/json; charset=utf-8");
    assert.match(((await reply.json()) as { version: string }).version, /^\d+\.\d+\.\d+/);
  });

  test("an empty store lists no models as an empty array", async () => {
    const reply = await fetch(`${engine.url}/api/tags`);
    assert.deepEqual(await reply.json(), { models: [] });
  });

  test("unknown paths, wrong methods and trailing slashes answer like gin", async () => {
    const missing = await fetch(`${engine.url}/api/nope`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), "404 page not found");
    const wrong = await fetch(`${engine.url}/api/tags`, { method: "POST" });
    assert.equal(wrong.status, 405);
    assert.equal(await wrong.text(), "405 method not allowed");
    const slash = await fetch(`${engine.url}/api/tags/`, { redirect: "manual" });
    assert.equal(slash.status, 301);
  });

  test("blobs: bad digests are refused, a mismatch leaves nothing, a match is stored", async () => {
    const bad = await fetch(`${engine.url}/api/blobs/sha256:xyz`, { method: "HEAD" });
    assert.equal(bad.status, 400);
    const badPost = await fetch(`${engine.url}/api/blobs/sha256-..`, { method: "POST", body: "x" });
    assert.equal(badPost.status, 400);
    assert.deepEqual(await badPost.json(), { error: "invalid digest format" });

    const wrongDigest = `sha256:${"0".repeat(64)}`;
    const mismatch = await fetch(`${engine.url}/api/blobs/${wrongDigest}`, { method: "POST", body: "hello" });
    assert.equal(mismatch.status, 400);
    assert.match(((await mismatch.json()) as { error: string }).error, /^digest mismatch, expected "sha256:0{64}", got "sha256:[0-9a-f]{64}"$/);
    assert.equal((await fetch(`${engine.url}/api/blobs/${wrongDigest}`, { method: "HEAD" })).status, 404);
    assert.deepEqual((await readdir(join(engine.modelsDir, "blobs"))).filter((name) => !name.startsWith(".")), []);

    const digest = await sha256File(gguf);
    const missing = await fetch(`${engine.url}/api/blobs/${digest}`, { method: "HEAD" });
    assert.equal(missing.status, 404);
    const upload = await fetch(`${engine.url}/api/blobs/${digest}`, { method: "POST", body: await readFile(gguf) });
    assert.equal(upload.status, 201);
    const again = await fetch(`${engine.url}/api/blobs/${digest}`, { method: "POST", body: "ignored" });
    assert.equal(again.status, 200);
    assert.equal((await fetch(`${engine.url}/api/blobs/${digest}`, { method: "HEAD" })).status, 200);
  });

  test("create streams Ollama's status lines and the model is listed with details", async () => {
    const digest = await sha256File(gguf);
    const lines = await engine.postLines("/api/create", {
      model: "tiny",
      files: { "tiny.gguf": digest },
      system: "You are terse.",
      parameters: { temperature: 0.5, stop: ["<end>", "\n\n"] },
      license: "MIT",
    });
    const statuses = lines.map((line) => line.status);
    assert.equal(statuses[0], "parsing GGUF");
    assert.ok(statuses.some((status) => /^(using existing|creating new) layer sha256:[0-9a-f]{64}$/.test(String(status))));
    assert.deepEqual(statuses.slice(-2), ["writing manifest", "success"]);

    const tags = (await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Array<Record<string, any>> };
    assert.equal(tags.models.length, 1);
    const [model] = tags.models;
    assert.equal(model.name, "tiny:latest");
    assert.equal(model.model, "tiny:latest");
    assert.match(model.digest, /^[0-9a-f]{64}$/);
    assert.ok(model.size > 0);
    assert.match(model.modified_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    assert.equal(model.details.format, "gguf");
    assert.equal(model.details.family, "llama");
    assert.deepEqual(model.details.families, ["llama"]);
    assert.ok(model.details.parameter_size);
    assert.ok(model.details.quantization_level);
    assert.deepEqual(model.capabilities, ["completion"]);
  });

  test("show returns modelfile, parameters, system, license, details, model_info and tensors", async () => {
    const reply = await engine.post("/api/show", { model: "TINY" });
    assert.equal(reply.status, 200);
    const show = (await reply.json()) as Record<string, any>;
    assert.match(show.modelfile, /^# Modelfile generated by "ollama show"\n/);
    assert.match(show.modelfile, /\nFROM .*blobs\/sha256-[0-9a-f]{64}\n/);
    assert.match(show.modelfile, /\nSYSTEM You are terse.\n/);
    assert.match(show.modelfile, /\nPARAMETER stop <end>\n/);
    assert.equal(show.system, "You are terse.");
    assert.equal(show.license, "MIT");
    assert.match(show.parameters, /^temperature\s+0\.5$/m);
    assert.match(show.parameters, /^stop\s+"<end>"$/m);
    assert.equal(show.model_info["general.architecture"], "llama");
    assert.ok(typeof show.model_info["llama.context_length"] === "number");
    assert.deepEqual(show.model_info["tokenizer.ggml.tokens"], []);
    assert.ok(Array.isArray(show.tensors) && show.tensors.length > 0);
    assert.deepEqual(show.capabilities, ["completion"]);
    assert.ok(show.modified_at);

    const verbose = (await (await engine.post("/api/show", { model: "tiny", verbose: true })).json()) as Record<string, any>;
    assert.ok(verbose.model_info["tokenizer.ggml.tokens"].length > 5);
  });

  test("show errors: missing, invalid and unknown names", async () => {
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, "model is required"],
      [{ model: "a:b:c" }, 400, "invalid model name"],
      [{ model: "nope" }, 404, "model 'nope:latest' not found"],
    ];
    for (const [body, status, error] of cases) {
      const reply = await engine.post("/api/show", body);
      assert.equal(reply.status, status, JSON.stringify(body));
      assert.deepEqual(await reply.json(), { error });
    }
  });

  test("copy shares blobs and keeps the digest; delete removes only unused blobs", async () => {
    const copy = await engine.post("/api/copy", { source: "tiny", destination: "me/tiny-copy:v1" });
    assert.equal(copy.status, 200);
    assert.equal(await copy.text(), "");
    const tags = (await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Array<Record<string, any>> };
    const names = tags.models.map((model) => model.name).sort();
    assert.deepEqual(names, ["me/tiny-copy:v1", "tiny:latest"]);
    assert.equal(tags.models[0].digest, tags.models[1].digest);

    const blobsBefore = await readdir(join(engine.modelsDir, "blobs"));
    assert.equal((await engine.fetchDelete("tiny")).status, 200);
    assert.deepEqual(await readdir(join(engine.modelsDir, "blobs")), blobsBefore);
    assert.equal((await engine.fetchDelete("me/tiny-copy:v1")).status, 200);
    assert.deepEqual(await readdir(join(engine.modelsDir, "blobs")), []);
    assert.deepEqual(await readdir(join(engine.modelsDir, "manifests")), []);
  });

  test("copy and delete errors", async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      ["POST", "/api/copy", {}, 400, `source "" is invalid`],
      ["POST", "/api/copy", { source: "a", destination: "b/c/d/e" }, 400, `destination "b/c/d/e" is invalid`],
      ["POST", "/api/copy", { source: "nope", destination: "x" }, 404, `model "nope" not found`],
      ["DELETE", "/api/delete", {}, 400, "model is required"],
      ["DELETE", "/api/delete", { model: "../../etc/passwd" }, 400, `name "../../etc/passwd" is invalid`],
      ["DELETE", "/api/delete", { model: "nope" }, 404, "model 'nope' not found"],
    ];
    for (const [method, path, body, status, error] of cases) {
      const reply = await fetch(`${engine.url}${path}`, { method, body: JSON.stringify(body) });
      assert.equal(reply.status, status, `${path} ${JSON.stringify(body)}`);
      assert.deepEqual(await reply.json(), { error });
    }
  });

  test("create errors are 400s with Ollama's messages and leave no model", async () => {
    const digest = await sha256File(gguf);
    const cases: Array<[unknown, number, string]> = [
      [{ model: "", files: { "a.gguf": digest } }, 400, "invalid model name"],
      [{ model: "x" }, 400, "neither 'from' or 'files' was specified"],
      [{ model: "x", files: {} }, 400, "no files provided to convert"],
      [{ model: "x", files: { "../a.gguf": digest } }, 400, "file path must be relative"],
      [{ model: "x", files: { "/abs/a.gguf": digest } }, 400, "file path must be relative"],
      [{ model: "x", files: { "a.gguf": "" } }, 400, "invalid digest format"],
      [{ model: "x", files: { "a.gguf": digest }, template: "{{ .Prompt " }, 400, ""],
    ];
    for (const [body, status, error] of cases) {
      const reply = await engine.post("/api/create", body);
      assert.equal(reply.status, status, JSON.stringify(body));
      const parsed = (await reply.json()) as { error: string };
      if (error) assert.equal(parsed.error, error);
      else assert.match(parsed.error, /^template error: /);
    }
    const notGguf = await fetch(`${engine.url}/api/blobs/${sha256Text("not a model")}`, { method: "POST", body: "not a model" });
    assert.equal(notGguf.status, 201);
    const reply = await engine.post("/api/create", { model: "x", files: { "a.gguf": sha256Text("not a model") } });
    assert.equal(reply.status, 400);
    assert.deepEqual(await reply.json(), { error: "supplied file was not in GGUF format" });
    const tags = (await (await fetch(`${engine.url}/api/tags`)).json()) as { models: unknown[] };
    assert.deepEqual(tags.models, []);
  });

  test("create from an existing model inherits layers and records the parent", async () => {
    await createModelFromFile(engine, "base", gguf, { system: "base system" });
    const reply = await engine.post("/api/create", { model: "derived", from: "base", system: "derived system", stream: false });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get("content-type"), "application/json");
    assert.deepEqual(await reply.json(), { status: "success" });
    const show = (await (await engine.post("/api/show", { model: "derived" })).json()) as Record<string, any>;
    assert.equal(show.system, "derived system");
    assert.equal(show.details.parent_model, "base:latest");
    const missing = await engine.postLines("/api/create", { model: "y", from: "does-not-exist" });
    // An unknown base is pulled from the registry, which this offline test cannot reach.
    assert.match(String(missing[missing.length - 1].error), /^pull model manifest: /);
  });

  test("bad JSON bodies are 400 with an error string", async () => {
    const wrongTypes: Record<string, unknown> = { "/api/copy": { source: 42 }, "/api/create": { model: 42 } };
    for (const path of ["/api/show", "/api/create", "/api/generate", "/api/chat", "/api/copy", "/api/embed"]) {
      const empty = await engine.post(path, "");
      assert.equal(empty.status, 400);
      assert.deepEqual(await empty.json(), { error: "missing request body" });
      const broken = await engine.post(path, "{");
      assert.equal(broken.status, 400);
      assert.ok(((await broken.json()) as { error: string }).error.length > 0);
      const wrongType = await engine.post(path, JSON.stringify(wrongTypes[path] ?? { model: 42 }));
      assert.equal(wrongType.status, 400, path);
      assert.match(((await wrongType.json()) as { error: string }).error, /cannot unmarshal number/);
    }
  });
});
