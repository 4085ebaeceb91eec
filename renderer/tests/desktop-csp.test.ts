// The UI as the desktop app runs it: served by the app protocol's handler with the app's content security
// policy, the engine on another origin named by the preload. A whole chat, the Models and Settings pages and
// a model answer full of links and images must cause no policy violation.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { contentSecurityPolicy } from "../../main/security/content-security-policy.js";
import { appProtocolHandler } from "../../main/protocol/app-protocol.js";
import { listen, type FakeServer } from "../../main/testing/fake-servers.js";
import { createModelFromFile } from "../../app/testing/test-engine.js";
import { testModelPath } from "../../app/testing/test-model-file.js";
import { sendJson } from "./support/api.js";
import { noBrowser } from "./support/browser.js";
import { builtUi } from "./support/built-ui.js";
import { eventually } from "./support/eventually.js";
import { startUiHarness, type UiHarness } from "./support/ui-harness.js";

describe("the UI under the desktop app's content security policy", { skip: noBrowser }, () => {
  let h: UiHarness;
  let app: FakeServer;
  let page: Page;
  const violations: string[] = [];

  before(async () => {
    h = await startUiHarness();
    await createModelFromFile(h.engine, "tiny", await testModelPath());
    const handle = appProtocolHandler(await builtUi(), contentSecurityPolicy(h.engine.url));
    app = await listen(async (request, reply) => {
      const response = await handle(new Request(`app://paddock${request.url}`, { method: request.method }));
      reply.writeHead(response.status, Object.fromEntries(response.headers));
      reply.end(Buffer.from(await response.arrayBuffer()));
    });
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const engine = JSON.stringify({ url: h.engine.url, mode: "embedded", server: "paddock", version: "0.1.0" });
    await context.addInitScript({
      content: `window.paddock = { desktop: true, appVersion: "0.1.0", engine: ${engine} };
        document.addEventListener("securitypolicyviolation", (event) => console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI));`,
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (/Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
    });
    page.on("pageerror", (error) => h.pageErrors.push(error.message));
  });
  after(async () => {
    await app?.close();
    await h?.close();
  });

  test("chatting, models and settings work and nothing is refused", { timeout: 120_000 }, async () => {
    await page.goto(`${app.url}/app/`);
    await eventually(async () => (await page.getByLabel("Model", { exact: true }).inputValue()) === "tiny:latest", "the models came from the engine");
    await page.getByRole("button", { name: "Chat settings" }).click();
    await page.getByLabel("Max answer tokens", { exact: true }).fill("24");
    await page.getByLabel("Max answer tokens", { exact: true }).press("Enter");
    await page.getByLabel("Message", { exact: true }).fill("Hello from the app");
    await page.getByLabel("Message", { exact: true }).press("Enter");
    await eventually(async () => (await page.locator(".message-assistant:not(.streaming) .answer-metrics").count()) === 1, "an answer with metrics", 60_000);
    await page.getByRole("button", { name: "Answer metrics" }).click();
    await page.getByTestId("answer-metrics-details").getByTestId("rate-chart").waitFor();

    const chat = await sendJson(h.engine, "POST", "/api/paddock/conversations", { title: "Links", model: "tiny" });
    await sendJson(h.engine, "POST", `/api/paddock/conversations/${chat.id}/messages`, {
      role: "assistant",
      content: "See [the docs](https://example.com/docs) and ![a chart](https://example.com/chart.png)\n\n```js\nlet x = 1;\n```",
    });
    await page.getByRole("list", { name: "Chats" }).getByText("Links").click();
    await page.locator(".code-block").waitFor();

    await page.getByRole("link", { name: "Models" }).click();
    await page.getByRole("table", { name: "Models" }).getByText("tiny:latest").waitFor();
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByText("Chosen by the app").waitFor();
    await page.getByLabel("Models folder").waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(violations, []);
    assert.deepEqual(h.pageErrors, []);
  });
});
