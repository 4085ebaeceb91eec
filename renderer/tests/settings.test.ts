// Settings in a real browser: engine settings stored in the engine's database (kept across a restart),
// desktop-only controls that appear only with the preload bridge, driving another server, and themes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createModelFromFile, startTestEngine, type TestEngine } from "../../app/testing/test-engine.js";
import { testModelPath } from "../../app/testing/test-model-file.js";
import { getJson, sendJson } from "./support/api.js";
import { noBrowser, screenshot } from "./support/browser.js";
import { eventually } from "./support/eventually.js";
import { startUiHarness, type UiHarness } from "./support/ui-harness.js";

const SLOW = { timeout: 120_000 };

describe("settings in the browser", { skip: noBrowser }, () => {
  let h: UiHarness;
  let remote: TestEngine | undefined;

  before(async () => {
    h = await startUiHarness();
    await createModelFromFile(h.engine, "tiny", await testModelPath());
  });
  after(async () => {
    await remote?.close();
    await h?.close();
  });

  test("engine settings are saved by the engine, flagged for restart, and kept across a restart", SLOW, async () => {
    const page = await h.open("/app/settings");
    await page.getByLabel("Models folder").waitFor();
    assert.equal(await page.getByLabel("Models folder").inputValue(), h.modelsDir);
    assert.equal(await page.getByRole("alert").filter({ hasText: "Anyone who can reach" }).count(), 0);

    await page.getByRole("switch", { name: "Expose to the network" }).check();
    await page.getByRole("alert").filter({ hasText: "Anyone who can reach this computer" }).waitFor();
    await page.getByLabel("Allowed origins").fill("https://myapp.example\nchrome-extension://*");
    await page.getByLabel("Default context length").selectOption("8192");
    await page.getByLabel("Keep models loaded").selectOption("15m");
    await screenshot(page, "11-settings");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const notice = page.getByTestId("restart-notice");
    await notice.waitFor();
    assert.match(await notice.innerText(), /Expose to the network/);
    assert.match(await notice.innerText(), /restart `paddock serve`/, "in a browser there is no restart button");

    const stored = (await getJson(h.engine, "/api/paddock/settings")).stored;
    assert.deepEqual(stored, { expose: true, origins: ["https://myapp.example", "chrome-extension://*"], context_length: 8192, keep_alive: "15m" });

    await h.restartEngine();
    const again = await h.open("/app/settings");
    await again.getByLabel("Keep models loaded").waitFor();
    await eventually(async () => (await again.getByLabel("Keep models loaded").inputValue()) === "15m", "keep-alive kept");
    assert.equal(await again.getByLabel("Default context length").inputValue(), "8192");
    assert.equal(await again.getByLabel("Allowed origins").inputValue(), "https://myapp.example\nchrome-extension://*");
    assert.equal(await again.getByRole("switch", { name: "Expose to the network" }).isChecked(), true);
    await again.getByTestId("restart-notice").waitFor();

    // Back to the defaults, so the next tests see a quiet page.
    await again.getByRole("switch", { name: "Expose to the network" }).uncheck();
    await again.getByLabel("Allowed origins").fill("");
    await again.getByLabel("Default context length").selectOption("0");
    await again.getByLabel("Keep models loaded").selectOption("5m");
    await again.getByRole("button", { name: "Save", exact: true }).click();
    await eventually(async () => (await again.getByTestId("restart-notice").count()) === 0, "nothing waits for a restart");
  });

  test("bad values are refused with the engine's message", SLOW, async () => {
    const page = await h.open("/app/settings");
    await page.getByLabel("Models folder").fill("relative/folder");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const error = page.locator(".card").filter({ hasText: "Engine" }).getByRole("alert").filter({ hasText: "models_dir" });
    await error.waitFor();
    assert.match(await error.innerText(), /absolute path/);
  });

  /** A stand-in for the preload's window.paddock (main/ipc/contract.ts), as a string: tsx would wrap functions. */
  function fakeBridge(server: "paddock" | "ollama"): string {
    const engine = { url: h.engine.url, mode: "embedded", server, version: "0.1.0" };
    return `(() => {
      const listeners = [];
      window.paddock = {
        desktop: true,
        appVersion: "9.9.9",
        engine: ${JSON.stringify(engine)},
        chooseDirectory: async () => "/picked/models",
        restartEngine: async () => { window.restarts = (window.restarts || 0) + 1; },
        chooseGguf: async () => ({ canceled: false, file: { id: "f1", fileName: "picked.gguf", size: 741216, suggestedModel: "picked-model" } }),
        importGguf: async ({ fileId, model }) => {
          for (const listener of listeners) listener({ fileId, phase: "uploading", completed: 50, total: 100 });
          window.imported = model;
          return { model, digest: "sha256:" + "0".repeat(64) };
        },
        onImportProgress: (listener) => { listeners.push(listener); return () => listeners.splice(listeners.indexOf(listener), 1); },
      };
    })();`;
  }

  async function desktopPage(server: "paddock" | "ollama", path: string): Promise<Page> {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: fakeBridge(server) });
    const page = await context.newPage();
    page.on("pageerror", (error) => h.pageErrors.push(error.stack ?? error.message));
    await page.goto(`${h.engine.url}${path}`);
    return page;
  }

  test("desktop-only controls hide in a browser and appear with the preload bridge", SLOW, async () => {
    const browserPage = await h.open("/app/settings");
    await browserPage.getByLabel("Models folder").waitFor();
    assert.equal(await browserPage.getByRole("button", { name: "Choose…" }).count(), 0);
    assert.equal(await browserPage.getByRole("radio", { name: /Another server/ }).count(), 1);

    const page = await desktopPage("paddock", "/app/settings");
    await page.getByRole("button", { name: "Choose…" }).click();
    await eventually(async () => (await page.getByLabel("Models folder").inputValue()) === "/picked/models", "the chosen folder fills the field");
    assert.equal(await page.getByRole("button", { name: "Show" }).count(), 0, "a feature the bridge lacks stays hidden");
    assert.equal(await page.getByRole("radio", { name: /Another server/ }).count(), 0, "the app picks its engine");
    assert.match(await page.locator(".card").filter({ hasText: "Chosen by the app" }).innerText(), /Paddock engine · run by this app/);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("button", { name: "Restart now" }).click();
    await eventually(async () => (await page.evaluate(() => (window as unknown as { restarts?: number }).restarts)) === 1, "the restart went through the bridge");
    await fetch(`${h.engine.url}/api/paddock/settings`, { method: "PATCH", body: JSON.stringify({ models_dir: null }) });

    // Importing goes through the app's native dialog instead of a file input.
    await page.getByRole("link", { name: "Models" }).click();
    await page.getByRole("button", { name: "Import GGUF" }).click();
    const dialog = page.getByRole("dialog", { name: "Import a GGUF file" });
    assert.equal(await dialog.getByLabel("GGUF file").count(), 0);
    await dialog.getByRole("button", { name: "Choose a .gguf file" }).click();
    assert.equal(await dialog.getByLabel("Model name").inputValue(), "picked-model");
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await eventually(async () => (await page.evaluate(() => (window as unknown as { imported?: string }).imported)) === "picked-model", "the import ran in the app");
    await page.context().close();
  });

  test("with an Ollama server behind the app, chats are kept in the app's storage", SLOW, async () => {
    const page = await desktopPage("ollama", "/app/");
    await eventually(async () => (await page.getByLabel("Model", { exact: true }).inputValue()) === "tiny:latest", "tiny picked");
    await page.getByRole("button", { name: "Chat settings" }).click();
    await page.getByLabel("Max answer tokens", { exact: true }).fill("8");
    await page.getByLabel("Max answer tokens", { exact: true }).press("Enter");
    await page.getByLabel("Message", { exact: true }).fill("Kept in local storage");
    await page.getByLabel("Message", { exact: true }).press("Enter");
    await page.getByRole("list", { name: "Chats" }).getByText("Kept in local storage").waitFor();
    await eventually(async () => (await page.locator(".message-assistant:not(.streaming)").count()) === 1, "the answer is shown");
    const onEngine = (await getJson(h.engine, "/api/paddock/conversations")).conversations as Array<{ title: string }>;
    assert.ok(!onEngine.some((conversation) => conversation.title === "Kept in local storage"), "nothing was stored on the engine");
    await page.reload();
    await page.getByRole("list", { name: "Chats" }).getByText("Kept in local storage").click();
    await page.locator(".message-assistant").waitFor();
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByText("has no Paddock settings").waitFor();
    await page.context().close();
  });

  test("the UI can drive another machine's server", SLOW, async () => {
    remote = await startTestEngine();
    await createModelFromFile(remote, "faraway", await testModelPath());
    const page = await h.open("/app/settings");
    await page.getByRole("radio", { name: /Another server/ }).check();
    await page.getByLabel("Server URL").fill(remote.url);
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText(/Connected · version/).waitFor();
    await page.getByRole("button", { name: "Use this server" }).click();
    await page.locator(".connection").getByText(remote.url.replace("http://", "")).waitFor();

    await page.getByRole("link", { name: "Models" }).click();
    const table = page.getByRole("table", { name: "Models" });
    await table.getByText("faraway:latest").waitFor();
    assert.equal(await table.getByText("tiny:latest").count(), 0, "the local models are not listed");

    // The choice lives in this browser: a reload keeps it.
    await page.reload();
    await page.getByRole("table", { name: "Models" }).getByText("faraway:latest").waitFor();

    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("radio", { name: /This computer/ }).check();
    await page.getByRole("button", { name: "Use this server" }).click();
    await page.locator(".connection").getByText("This computer").waitFor();
  });

  test("light and dark themes", SLOW, async () => {
    const chat = await sendJson(h.engine, "POST", "/api/paddock/conversations", { title: "Dark mode sample", model: "tiny" });
    await sendJson(h.engine, "POST", `/api/paddock/conversations/${chat.id}/messages`, { role: "user", content: "How do I read a file in Node?" });
    await sendJson(h.engine, "POST", `/api/paddock/conversations/${chat.id}/messages`, {
      role: "assistant",
      content: "Use **fs/promises**:\n\n```js\nimport { readFile } from \"node:fs/promises\";\n\nconst text = await readFile(\"notes.txt\", \"utf8\"); // whole file\nconsole.log(text.length);\n```\n\n- `readFile` loads it all at once\n- use a stream for big files",
      model: "tiny",
      metrics: { eval_count: 64, eval_duration: 80_000_000, prompt_eval_count: 12, prompt_eval_duration: 4_000_000, load_duration: 900_000_000, first_token_ms: 950, token_ms: [950, 960, 975], wall_ms: 1040, done_reason: "stop" },
    });
    const dark = await h.open(`/app/c/${chat.id}`, { colorScheme: "dark" });
    await dark.locator(".code-block").waitFor();
    await eventually(async () => (await dark.getByLabel("Model", { exact: true }).inputValue()) === "tiny:latest", "the model list loaded");
    const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, "rgb(18, 20, 19)", "the system's dark scheme is followed");
    await screenshot(dark, "12-chat-dark");
    await dark.getByRole("link", { name: "Settings" }).click();
    await dark.getByRole("radio", { name: "Light" }).click();
    assert.equal(await dark.evaluate(() => document.documentElement.dataset.theme), "light");
    assert.equal(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(248, 248, 245)");
    await dark.reload();
    assert.equal(await dark.evaluate(() => document.documentElement.dataset.theme), "light", "the choice is kept");
  });

  test("the pages asked nothing of the network they were not told to, and threw nothing", () => {
    assert.deepEqual(h.foreignRequests, []);
    assert.deepEqual(h.pageErrors, []);
  });
});
