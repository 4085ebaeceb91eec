import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildCreateRequest } from "./create-request.js";
import { expandModelfilePath } from "./expand-path.js";
import { parseModelfile } from "./modelfile-parser.js";
import { isValidSemver } from "./semver.js";
import { uploadFileNames } from "./upload-names.js";

const GGUF_BYTES = Buffer.concat([Buffer.from("GGUF"), Buffer.from([3, 0, 0, 0, 0, 0, 0, 0])]);
const digestOf = (bytes: Buffer) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

describe("buildCreateRequest", () => {
  let dir: string;
  const build = (text: string, warn?: (message: string) => void) =>
    buildCreateRequest(parseModelfile(text), { relativeDir: dir, ...(warn ? { warn } : {}) });

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "paddock-modelfile-"));
    await writeFile(path.join(dir, "model.gguf"), GGUF_BYTES);
    await mkdir(path.join(dir, "ggufdir"));
    await writeFile(path.join(dir, "ggufdir", "weights.gguf"), GGUF_BYTES);
    await writeFile(path.join(dir, "ggufdir", "config.json"), '{"a":1}');
    await mkdir(path.join(dir, "empty"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("a model name becomes `from`; the last FROM name wins", async () => {
    assert.deepEqual(await build("FROM llama3.2\nFROM qwen3:0.6b"), { from: "qwen3:0.6b" });
  });

  test("a ./path.gguf relative to the Modelfile is hashed into `files`", async () => {
    const request = await build("FROM ./model.gguf");
    assert.deepEqual(request, { files: { [path.join(dir, "model.gguf")]: digestOf(GGUF_BYTES) } });
  });

  test("a directory contributes its GGUF and JSON files", async () => {
    const request = await build("FROM ./ggufdir");
    assert.deepEqual(Object.keys(request.files ?? {}).map((file) => path.relative(dir, file)).sort(), ["ggufdir/config.json", "ggufdir/weights.gguf"]);
  });

  test("a directory without model files is refused", async () => {
    await assert.rejects(build("FROM ./empty"), { message: "no Modelfile or safetensors files found" });
  });

  test("the values of every instruction", async () => {
    const request = await build(
      [
        "FROM base",
        "TEMPLATE {{ .Prompt }}",
        "SYSTEM first",
        "SYSTEM You are a bot.",
        "LICENSE license1",
        "LICENSE license2",
        "RENDERER r",
        "PARSER p",
        "REQUIRES v0.14.0",
        "PARAMETER temperature 0.7",
        "PARAMETER top_k 1",
        "PARAMETER use_mmap false",
        "PARAMETER stop <|a|>",
        "PARAMETER stop <|b|>",
        "MESSAGE user Hello there!",
        "MESSAGE assistant Hi! How are you?",
      ].join("\n"),
    );
    assert.deepEqual(request, {
      from: "base",
      template: "{{ .Prompt }}",
      system: "You are a bot.",
      license: ["license1", "license2"],
      renderer: "r",
      parser: "p",
      requires: "0.14.0",
      parameters: { temperature: 0.7, top_k: 1, use_mmap: false, stop: ["<|a|>", "<|b|>"] },
      messages: [
        { role: "user", content: "Hello there!" },
        { role: "assistant", content: "Hi! How are you?" },
      ],
    });
  });

  test("deprecated parameters are dropped with a warning", async () => {
    const warnings: string[] = [];
    const request = await build("FROM base\nPARAMETER mirostat 1\nPARAMETER num_ctx 8", (message) => warnings.push(message));
    assert.deepEqual(request.parameters, { num_ctx: 8 });
    assert.deepEqual(warnings, ["warning: parameter mirostat is deprecated"]);
  });

  const errors: Array<[string, string, string]> = [
    ["an unknown parameter", "FROM base\nPARAMETER nope 1", "(line 2): unknown parameter 'nope'"],
    ["a bad int", "FROM base\n\nPARAMETER num_ctx lots", "(line 3): invalid int value [lots]"],
    ["a bad float", "FROM base\nPARAMETER temperature hot", "(line 2): invalid float value [hot]"],
    ["a bad bool", "FROM base\nPARAMETER use_mmap maybe", "(line 2): invalid bool value [maybe]"],
    ["a bad REQUIRES", "FROM base\nREQUIRES latest", "(line 2): requires must be a valid semver (e.g. 0.14.0)"],
  ];
  for (const [name, text, message] of errors) {
    test(`refuses ${name}`, async () => assert.rejects(build(text), { message }));
  }

  test("an ADAPTER that does not exist is a stat error, not a model name", async () => {
    await assert.rejects(build("FROM base\nADAPTER ./missing.gguf"), { message: `stat ${path.join(dir, "missing.gguf")}: no such file or directory` });
  });

  test("DRAFT may not point at the FROM file", async () => {
    await assert.rejects(build("FROM ./model.gguf\nDRAFT ./model.gguf"), /DRAFT must not reference the same local path as FROM/);
  });

  test("a symlinked FROM hashes the file it points to", async () => {
    const link = path.join(dir, "link.gguf");
    await symlink(path.join(dir, "model.gguf"), link);
    const request = await build("FROM ./link.gguf");
    assert.deepEqual(request.files, { [link]: digestOf(GGUF_BYTES) });
  });
});

describe("expandModelfilePath", () => {
  const homes = { home: "/home/me", homeOf: (user: string) => (user === "bob" ? "/home/bob" : undefined) };
  const cases: Array<[string, string]> = [
    ["./model.gguf", "/models/model.gguf"],
    ["model.gguf", "/models/model.gguf"],
    ["../up.gguf", "/up.gguf"],
    ["/abs/m.gguf", "/abs/m.gguf"],
    ["~", "/home/me"],
    ["~/m.gguf", "/home/me/m.gguf"],
    ["~bob/m.gguf", "/home/bob/m.gguf"],
  ];
  for (const [arg, expected] of cases) {
    test(arg, () => assert.equal(expandModelfilePath(arg, "/models", homes), expected));
  }
  test("an unknown ~user", () => assert.throws(() => expandModelfilePath("~eve/m", "/models", homes), { message: "failed to find user 'eve': user: unknown user eve" }));
});

describe("isValidSemver", () => {
  for (const version of ["v0.14.0", "v1", "v1.2", "v1.2.3-rc.1", "v1.2.3+build.5", "v1.2.3-alpha-1+b"]) {
    test(`accepts ${version}`, () => assert.equal(isValidSemver(version), true));
  }
  for (const version of ["0.14.0", "v", "v01.2.3", "v1.2.3.4", "v1-rc", "v1.2.3-01", "v1.2.3-", "vlatest"]) {
    test(`refuses ${version}`, () => assert.equal(isValidSemver(version), false));
  }
});

describe("uploadFileNames", () => {
  test("one file is sent by its base name", () => {
    assert.deepEqual([...uploadFileNames(["/a/b/model.gguf"]).values()], ["model.gguf"]);
  });
  test("several files keep their layout under the common directory", () => {
    const names = uploadFileNames(["/m/model.safetensors", "/m/config.json", "/m/2_Dense/config.json"]);
    assert.deepEqual([...names.values()], ["model.safetensors", "config.json", "2_Dense/config.json"]);
  });
});
