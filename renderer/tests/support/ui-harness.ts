import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestEngine, type TestEngine } from "../../../app/testing/test-engine.js";
import { launchBrowser } from "./browser.js";
import { builtUi } from "./built-ui.js";

export interface UiHarness {
  engine: TestEngine;
  browser: Browser;
  /** Where the engine keeps paddock.db (PADDOCK_DATA). */
  dataDir: string;
  modelsDir: string;
  /** A fresh browser context (its own localStorage) with a page on the UI. */
  open(path?: string, options?: { colorScheme?: "light" | "dark" }): Promise<Page>;
  /** Stops the engine and starts it again on the same data and models (a new port). */
  restartEngine(): Promise<void>;
  /** Everything the pages asked for that was not the engine: must stay empty (offline by default). */
  foreignRequests: string[];
  /** Uncaught errors in the pages. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The real engine serving the built UI on a free loopback port, with its own models folder and database,
 * and a headless Chromium to drive it.
 */
export async function startUiHarness(env: Record<string, string> = {}): Promise<UiHarness> {
  const uiDir = await builtUi();
  const dataDir = await mkdtemp(join(tmpdir(), "paddock-ui-data-"));
  const modelsDir = await mkdtemp(join(tmpdir(), "paddock-ui-models-"));
  // The engine finds its database through PADDOCK_DATA; each test file runs in its own process.
  process.env.PADDOCK_DATA = dataDir;
  const engineEnv = { PADDOCK_UI_DIR: uiDir, PADDOCK_MODELS: modelsDir, ...env };
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  const harness: UiHarness = {
    engine: await startTestEngine(engineEnv),
    browser,
    dataDir,
    modelsDir,
    foreignRequests: [],
    pageErrors: [],
    async open(path = "/app/", options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? "light" });
      contexts.push(context);
      const page = await context.newPage();
      page.on("request", (request) => {
        const url = request.url();
        if (!url.startsWith("http://127.0.0.1:") && !url.startsWith("data:") && !url.startsWith("blob:")) harness.foreignRequests.push(url);
      });
      page.on("pageerror", (error) => harness.pageErrors.push(error.stack ?? error.message));
      await page.goto(`${harness.engine.url}${path}`);
      return page;
    },
    async restartEngine() {
      await harness.engine.close();
      harness.engine = await startTestEngine(engineEnv);
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await harness.engine.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(modelsDir, { recursive: true, force: true });
    },
  };
  return harness;
}
