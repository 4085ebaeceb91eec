import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appProtocolHandler, resolveAppFile } from "./app-protocol.js";

let base: string;
let root: string;
const policy = "default-src 'self'";

before(async () => {
  base = await mkdtemp(join(tmpdir(), "paddock-app-protocol-"));
  root = join(base, "renderer");
  await mkdir(join(root, "assets"), { recursive: true });
  await writeFile(join(root, "index.html"), "<!doctype html><title>Paddock</title>");
  await writeFile(join(root, "assets", "index-abc.js"), "console.log('ui')");
  await writeFile(join(root, "assets", "index-abc.css"), "body{}");
  // A sibling whose name starts like the root: a naive prefix check would let it through.
  await mkdir(join(base, "renderer-secret"));
  await writeFile(join(base, "renderer-secret", "key.txt"), "secret");
  await writeFile(join(base, "secret.txt"), "secret");
});

after(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = "GET") => appProtocolHandler(root, policy)(new Request(url, { method }));

test("the entry URL serves index.html with the CSP", async () => {
  const reply = await get("app://paddock/app/");
  assert.equal(reply.status, 200);
  assert.equal(reply.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(reply.headers.get("content-security-policy"), policy);
  assert.equal(reply.headers.get("cache-control"), "no-cache");
  assert.match(await reply.text(), /<title>Paddock<\/title>/);
});

test("built assets are served with their types", async () => {
  const script = await get("app://paddock/app/assets/index-abc.js");
  assert.equal(script.status, 200);
  assert.equal(script.headers.get("content-type"), "text/javascript; charset=utf-8");
  assert.equal(script.headers.get("x-content-type-options"), "nosniff");
  assert.equal(await script.text(), "console.log('ui')");
  assert.equal((await get("app://paddock/app/assets/index-abc.css")).headers.get("content-type"), "text/css; charset=utf-8");
});

test("client-side routes fall back to index.html; a missing asset is a 404", async () => {
  assert.match(await (await get("app://paddock/app/chat/42")).text(), /Paddock/);
  const missing = await get("app://paddock/app/assets/gone.js");
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get("content-security-policy"), policy);
});

test("nothing outside the UI folder can be reached", async () => {
  for (const url of [
    "app://paddock/app/../secret.txt",
    "app://paddock/app/%2e%2e/secret.txt",
    "app://paddock/app/..%2fsecret.txt",
    "app://paddock/app/%2e%2e%2frenderer-secret%2fkey.txt",
    "app://paddock/app/..%5csecret.txt",
    "app://paddock/app/%00index.html",
    "app://paddock/app/%E0%A4%A",
    "app://paddock/secret.txt",
  ]) {
    const reply = await get(url);
    const body = await reply.text();
    assert.ok(!body.includes("secret"), `${url} leaked`);
  }
  assert.equal(await resolveAppFile(root, "app://paddock/app/%2e%2e/secret.txt"), undefined);
});

test("only our host and only reads are served", async () => {
  assert.equal((await get("app://other/app/")).status, 404);
  assert.equal((await get("app://paddock/app/", "POST")).status, 405);
  const head = await get("app://paddock/app/", "HEAD");
  assert.equal(head.status, 200);
  assert.equal(await head.text(), "");
});
