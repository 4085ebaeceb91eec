// The chat screen in a real browser against the real engine: first run, streaming, markdown, metrics,
// stop, regenerate, edit and resend, rename, search, delete, several tabs, and history across a restart.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createModelFromFile } from "../../app/testing/test-engine.js";
import { testModelPath } from "../../app/testing/test-model-file.js";
import { getJson, sendJson } from "./support/api.js";
import { noBrowser, screenshot } from "./support/browser.js";
import { eventually } from "./support/eventually.js";
import { startUiHarness, type UiHarness } from "./support/ui-harness.js";

const SLOW = { timeout: 180_000 };

async function setOption(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press("Enter");
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByLabel("Message", { exact: true }).press("Enter");
}

/** Waits until no answer streams and `count` finished answers are shown. */
async function answers(page: Page, count: number): Promise<void> {
  await eventually(
    async () => (await page.locator(".message-assistant.streaming").count()) === 0 && (await page.locator(".message-assistant").count()) === count,
    `${count} finished answers`,
    120_000,
  );
}

function conversationIdOf(page: Page): string {
  const match = /\/app\/c\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
  assert.ok(match, `a conversation URL, got ${page.url()}`);
  return match[1];
}

describe("chat in the browser", { skip: noBrowser }, () => {
  let h: UiHarness;
  let page: Page;
  let chatId: string;

  before(async () => {
    h = await startUiHarness();
  });
  after(async () => {
    await h?.close();
  });

  test("with no model, the first screen says what to do", SLOW, async () => {
    page = await h.open();
    await page.getByTestId("first-run").waitFor();
    const text = await page.getByTestId("first-run").innerText();
    assert.match(text, /Pull a model by name/);
    assert.match(text, /Import a GGUF file/);
    assert.match(text, /llama3\.2:1b/, "a suggested small model by name");
    await screenshot(page, "01-first-run");
  });

  test("an answer streams token by token, then shows its metrics", SLOW, async () => {
    await createModelFromFile(h.engine, "tiny", await testModelPath());
    await page.reload();
    await eventually(async () => (await page.getByLabel("Model", { exact: true }).inputValue()) === "tiny:latest", "tiny picked");
    await page.getByRole("button", { name: "Chat settings" }).click();
    await setOption(page, "Max answer tokens", "400");
    await page.getByLabel("System prompt").fill("You are a helpful llama.");
    await page.getByLabel("System prompt").blur();

    // Record every token count the live view shows, to see the answer arrive in pieces.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenCounts: string[] }).seenCounts = seen;
      new MutationObserver(() => {
        const count = document.querySelector("[data-testid=live-token-count]")?.textContent;
        if (count && seen[seen.length - 1] !== count) seen.push(count);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await send(page, "Tell me about llamas");
    await page.getByTestId("live-stats").waitFor({ timeout: 60_000 });
    await answers(page, 1);
    const seen = await page.evaluate(() => (window as unknown as { seenCounts: string[] }).seenCounts);
    assert.ok(new Set(seen).size >= 3, `the answer streamed in several steps: ${JSON.stringify(seen)}`);

    chatId = conversationIdOf(page);
    const footer = await page.locator(".message-assistant .answer-metrics").innerText();
    assert.match(footer, /400 tokens/);
    assert.match(footer, /tok\/s/);

    await page.getByRole("button", { name: "Answer metrics" }).click();
    const details = await page.getByTestId("answer-metrics-details").innerText();
    for (const label of ["Load time", "First token", "Prompt", "Generation", "Total"]) assert.match(details, new RegExp(label));
    const markers = await page.getByTestId("answer-metrics-details").getByTestId("rate-chart").getAttribute("data-markers");
    assert.equal(markers, "marker-load marker-first", "the chart marks the load and the first token");
    await screenshot(page, "02-chat-answer");

    const stored = await getJson(h.engine, `/api/paddock/conversations/${chatId}`);
    assert.equal(stored.title, "Tell me about llamas");
    assert.equal(stored.system, "You are a helpful llama.");
    assert.deepEqual(stored.options, { num_predict: 400 });
    assert.deepEqual(stored.messages.map((m: { role: string }) => m.role), ["user", "assistant"]);
    const metrics = stored.messages[1].metrics;
    assert.equal(metrics.eval_count, 400);
    assert.equal(metrics.done_reason, "length");
    assert.ok(metrics.load_duration > 0, `load_duration in ${JSON.stringify({ ...metrics, token_ms: undefined })}`);
    assert.ok(metrics.prompt_eval_count > 0, "prompt_eval_count");
    assert.ok(metrics.first_token_ms >= 0, "first_token_ms");
    assert.ok(metrics.token_ms.length > 100, "token_ms");
  });

  test("stored answers render as markdown with highlighted code, and images stay unloaded", SLOW, async () => {
    const conversation = await sendJson(h.engine, "POST", "/api/paddock/conversations", { title: "Markdown sample", model: "tiny" });
    await sendJson(h.engine, "POST", `/api/paddock/conversations/${conversation.id}/messages`, { role: "user", content: "Show me code" });
    await sendJson(h.engine, "POST", `/api/paddock/conversations/${conversation.id}/messages`, {
      role: "assistant",
      content:
        "## Sorting\n\nUse **sorted** and a `key`:\n\n```python\ndef by_age(people):\n    return sorted(people, key=lambda p: p.age)\n```\n\n| name | age |\n|---|---|\n| Ana | 31 |\n\n![cat](http://198.51.100.7/cat.png) <script>window.hacked = 1</script>",
    });
    await page.goto(`${h.engine.url}/app/c/${conversation.id}`);
    const answer = page.locator(".message-assistant .markdown");
    await answer.locator("h2").waitFor();
    assert.equal(await answer.locator("strong").innerText(), "sorted");
    assert.ok((await answer.locator(".code-block .hljs-keyword").count()) > 0, "python keywords are highlighted");
    assert.equal(await answer.locator(".code-block-lang").innerText(), "python");
    assert.equal(await answer.locator("table td").first().innerText(), "Ana");
    assert.equal(await answer.locator("img").count(), 0, "no image is loaded");
    assert.equal(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked), undefined, "raw HTML is not run");
    await screenshot(page, "03-markdown");
    await sendJson(h.engine, "DELETE", `/api/paddock/conversations/${conversation.id}`, undefined).catch(() => {});
  });

  test("stop keeps what was written so far", SLOW, async () => {
    await page.goto(`${h.engine.url}/app/c/${chatId}`);
    await page.getByLabel("Max answer tokens", { exact: true }).waitFor();
    await setOption(page, "Max answer tokens", "20000");
    await send(page, "Now keep talking");
    await eventually(async () => {
      const text = await page.getByTestId("live-token-count").innerText().catch(() => "0");
      return Number.parseInt(text, 10) > 40;
    }, "some tokens streamed");
    await screenshot(page, "04-chat-streaming");
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await answers(page, 2);
    assert.equal(await page.locator(".message-assistant").nth(1).locator(".message-note").innerText(), "Stopped");
    const stored = await getJson(h.engine, `/api/paddock/conversations/${chatId}`);
    assert.equal(stored.messages.length, 4);
    assert.equal(stored.messages[3].metrics.done_reason, "stopped");
    assert.ok(stored.messages[3].content.length > 0);
  });

  test("regenerate replaces the last answer", SLOW, async () => {
    await setOption(page, "Max answer tokens", "16");
    const before = await getJson(h.engine, `/api/paddock/conversations/${chatId}`);
    await page.locator(".message-assistant").nth(1).hover();
    await page.getByRole("button", { name: "Regenerate" }).click();
    const after = await eventually(async () => {
      const stored = await getJson(h.engine, `/api/paddock/conversations/${chatId}`);
      return stored.messages.length === 4 && stored.messages[3].id !== before.messages[3].id && stored;
    }, "a new answer is stored");
    await answers(page, 2);
    assert.equal(after.messages[3].metrics.eval_count, 16);
  });

  test("edit and resend replaces everything after the edited message", SLOW, async () => {
    const first = page.locator(".message-user").first();
    await first.hover();
    await first.getByRole("button", { name: "Edit and resend" }).click();
    await page.getByLabel("Edit message").fill("Tell me about alpacas");
    await page.getByRole("button", { name: "Save & resend" }).click();
    await answers(page, 1);
    assert.equal(await page.locator(".message-user").count(), 1);
    assert.equal(await page.locator(".message-user .bubble").innerText(), "Tell me about alpacas");
    const stored = await getJson(h.engine, `/api/paddock/conversations/${chatId}`);
    assert.deepEqual(stored.messages.map((m: { role: string; content: string }) => m.role), ["user", "assistant"]);
    assert.equal(stored.messages[0].content, "Tell me about alpacas");
  });

  test("chats can be renamed, searched and deleted", SLOW, async () => {
    await page.getByRole("button", { name: "Rename chat" }).click();
    await page.getByLabel("Chat title").fill("Camelid facts");
    await page.getByLabel("Chat title").press("Enter");
    const list = page.getByRole("list", { name: "Chats" });
    await list.getByText("Camelid facts").waitFor();

    const other = await sendJson(h.engine, "POST", "/api/paddock/conversations", { title: "Cooking pasta" });
    await sendJson(h.engine, "POST", `/api/paddock/conversations/${other.id}/messages`, { role: "user", content: "How long to boil spaghetti?" });
    await list.getByText("Cooking pasta").waitFor();

    await page.getByLabel("Search chats").fill("alpacas");
    await eventually(async () => (await list.locator("li").count()) === 1 && (await list.innerText()).includes("Camelid facts"), "search by message text");
    assert.match(await list.innerText(), /alpacas/, "the matching text is shown");
    await page.getByLabel("Search chats").fill("spaghetti");
    await eventually(async () => (await list.locator("li").count()) === 1 && (await list.innerText()).includes("Cooking pasta"), "search finds the other chat");
    await screenshot(page, "05-search");
    await page.getByRole("button", { name: "Clear search" }).click();

    const item = list.locator("li", { hasText: "Cooking pasta" });
    await item.hover();
    await item.getByRole("button", { name: "Delete Cooking pasta" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete chat?" });
    await dialog.getByRole("button", { name: "Delete" }).click();
    await eventually(async () => (await list.getByText("Cooking pasta").count()) === 0, "the deleted chat leaves the list");
    const gone = await fetch(`${h.engine.url}/api/paddock/conversations/${other.id}`);
    assert.equal(gone.status, 404);
  });

  test("every tab sees the same history", SLOW, async () => {
    const second = await h.open(`/app/c/${chatId}`);
    await second.locator(".message-user .bubble").getByText("Tell me about alpacas").waitFor();
    // A rename in the second tab reaches the first within its polling interval.
    await second.getByRole("button", { name: "Rename chat" }).click();
    await second.getByLabel("Chat title").fill("Alpaca facts");
    await second.getByLabel("Chat title").press("Enter");
    await eventually(async () => (await page.locator(".chat-title h1").innerText()) === "Alpaca facts", "the first tab shows the new title", 15_000);
    await second.context().close();
  });

  test("the metrics page shows running models and unloads one", SLOW, async () => {
    await page.getByRole("link", { name: "Metrics" }).click();
    const running = page.getByRole("table", { name: "Running models" });
    await running.getByText("tiny:latest").waitFor();
    assert.match(await running.innerText(), /CPU|GPU/);
    assert.match(await running.innerText(), /in \d/);
    const lastAnswer = await page.locator(".stat-tiles").innerText();
    assert.match(lastAnswer, /Time to first token/);
    await screenshot(page, "06-metrics");
    await page.getByRole("button", { name: "Unload tiny:latest" }).click();
    await page.getByText("No model is loaded").waitFor();
    assert.deepEqual((await getJson(h.engine, "/api/ps")).models, []);
  });

  test("history survives an engine restart", SLOW, async () => {
    await h.restartEngine();
    const fresh = await h.open("/app/");
    await fresh.getByRole("list", { name: "Chats" }).getByText("Alpaca facts").click();
    await fresh.locator(".message-user .bubble").getByText("Tell me about alpacas").waitFor();
    assert.equal(await fresh.locator(".message-assistant").count(), 1);
  });

  test("the pages asked nothing of the network and threw nothing", () => {
    assert.deepEqual(h.foreignRequests, []);
    assert.deepEqual(h.pageErrors, []);
  });
});
