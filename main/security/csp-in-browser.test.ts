// The CSP checked where it matters: in Chromium (Electron's engine), on pages served by the app protocol's
// handler, talking to a real engine. Skipped, loudly, where no Chromium is installed.

import { test, before, after } from "node:test";
import "../testing/isolated-data-dir.js";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { startTestEngine, type TestEngine } from "../../app/testing/test-engine.js";
import { appProtocolHandler } from "../protocol/app-protocol.js";
import { listen, type FakeServer } from "../testing/fake-servers.js";
import { contentSecurityPolicy } from "./content-security-policy.js";

const CHROMIUM = process.env.PADDOCK_CHROMIUM ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`;
if (skip) process.stderr.write(`\n!!! CSP BROWSER TESTS SKIPPED: ${skip} !!!\n\n`);

const BUILT_UI = fileURLToPath(new URL("../../out/renderer/", import.meta.url));

let engine: TestEngine;
let browser: Browser;
let probeDir: string;

// The page under test and what it tries: everything here but the engine request must be refused.
const PROBE_HTML = `<!doctype html><html><head><title>csp probe</title>
<script>window.inlineRan = true;</script>
<script type="module" src="/app/probe.js"></script></head><body><div id="root"></div></body></html>`;
const PROBE_JS = `
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.violations.push(event.violatedDirective));
async function attempt(action) {
  try { return await action(); } catch (error) { return "refused: " + error.name; }
}
window.results = (async () => ({
  evalRan: await attempt(() => eval("1 + 1") === 2),
  functionRan: await attempt(() => new Function("return 2")() === 2),
  engine: await attempt(async () => (await fetch(ENGINE + "/api/version")).status),
  elsewhere: await attempt(async () => (await fetch("http://127.0.0.1:9/")).status),
  image: await new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve("loaded");
    image.onerror = () => resolve("refused");
    image.src = "http://127.0.0.1:9/pixel.png";
  }),
}))();
document.getElementById("root").textContent = "module ran";
`;

/** Serves app:// requests over http for the browser: the same handler, the same headers. */
async function serveApp(rootDir: string): Promise<FakeServer> {
  const handle = appProtocolHandler(rootDir, contentSecurityPolicy(engine.url));
  return listen(async (request, reply) => {
    const response = await handle(new Request(`app://paddock${request.url}`, { method: request.method }));
    reply.writeHead(response.status, Object.fromEntries(response.headers));
    reply.end(Buffer.from(await response.arrayBuffer()));
  });
}

async function open(server: FakeServer, prepare: (page: Page) => Promise<void> = async () => {}): Promise<{ page: Page; console: string[] }> {
  const page = await browser.newPage();
  await prepare(page);
  const console: string[] = [];
  page.on("console", (message) => console.push(message.text()));
  await page.goto(`${server.url}/app/`);
  return { page, console };
}

before(async () => {
  if (skip) return;
  engine = await startTestEngine();
  probeDir = await mkdtemp(join(tmpdir(), "paddock-csp-"));
  await mkdir(probeDir, { recursive: true });
  await writeFile(join(probeDir, "index.html"), PROBE_HTML);
  await writeFile(join(probeDir, "probe.js"), `const ENGINE = ${JSON.stringify(engine.url)};\n${PROBE_JS}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
});

after(async () => {
  if (skip) return;
  await browser.close();
  await engine.close();
  await rm(probeDir, { recursive: true, force: true });
});

test("in Chromium the page's own module runs and reaches the engine; inline code, eval and other origins are refused", { skip }, async () => {
  const server = await serveApp(probeDir);
  try {
    const { page } = await open(server);
    await page.waitForFunction(() => document.getElementById("root")?.textContent === "module ran");
    const results = await page.evaluate(() => (window as unknown as { results: Promise<Record<string, unknown>> }).results);
    assert.deepEqual(results, {
      evalRan: "refused: EvalError",
      functionRan: "refused: EvalError",
      engine: 200,
      elsewhere: "refused: TypeError",
      image: "refused",
    });
    assert.equal(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan), undefined);
    const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    assert.ok(violations.includes("connect-src") && violations.includes("img-src"), violations.join(", "));
  } finally {
    await server.close();
  }
});

test("the built UI loads under the policy without a single violation", { skip: skip || (existsSync(join(BUILT_UI, "index.html")) ? false : "the UI is not built (npm run build)") }, async () => {
  const server = await serveApp(BUILT_UI);
  try {
    const { page, console } = await open(server);
    await page.waitForFunction(() => (document.getElementById("root")?.childElementCount ?? 0) > 0, undefined, { timeout: 15_000 });
    await page.waitForTimeout(500);
    assert.deepEqual(console.filter((line) => /Content Security Policy/i.test(line)), []);
  } finally {
    await server.close();
  }
});

test("in desktop mode the built UI talks to the engine the preload names, and the policy lets it", { skip: skip || (existsSync(join(BUILT_UI, "index.html")) ? false : "the UI is not built (npm run build)") }, async () => {
  const server = await serveApp(BUILT_UI);
  try {
    const engineRequests: string[] = [];
    const ownApiRequests: string[] = [];
    let engineAnswered: Promise<unknown> | undefined;
    const { page, console } = await open(server, async (page) => {
      // What the preload would expose; the engine is another origin than the page, as it is under app://.
      // A string, not a function: the test's compiled functions carry helpers the page does not have.
      const engineInfo = JSON.stringify({ url: engine.url, mode: "embedded", server: "paddock", version: "0.1.0" });
      await page.addInitScript(`{
        const never = () => new Promise(() => {});
        window.paddock = {
          desktop: true, engine: ${engineInfo}, appVersion: "0.1.0",
          chooseGguf: never, importGguf: never, onImportProgress: () => () => {}, chooseDirectory: never,
          showFolder: never, restartEngine: never, openExternal: never,
        };
      }`);
      engineAnswered = page.waitForResponse((response) => response.url().startsWith(`${engine.url}/api/`) && response.ok(), { timeout: 15_000 });
      page.on("requestfinished", (request) => {
        if (request.url().startsWith(`${engine.url}/api/`)) engineRequests.push(request.url());
        if (request.url().startsWith(`${server.url}/api/`)) ownApiRequests.push(request.url());
      });
    });
    await engineAnswered;
    await page.waitForTimeout(500);
    assert.ok(engineRequests.length > 0);
    assert.deepEqual(ownApiRequests, []);
    assert.deepEqual(console.filter((line) => /Content Security Policy/i.test(line)), []);
  } finally {
    await server.close();
  }
});
