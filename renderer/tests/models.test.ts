// The Models screen in a real browser: the list with its facts, details, copy, delete, importing a GGUF
// through the browser (hashing, upload, create), and pulls from a local test registry with progress,
// pause, resume and cancel.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Page } from "playwright-core";
import { createModelFromFile, sha256File } from "../../app/testing/test-engine.js";
import { testModelPath } from "../../app/testing/test-model-file.js";
import { TestRegistry, type PublishedModel } from "../../app/testing/registry/test-registry.js";
import { MEDIA_TYPES } from "../../app/store/manifest.js";
import { getJson } from "./support/api.js";
import { noBrowser, screenshot } from "./support/browser.js";
import { eventually } from "./support/eventually.js";
import { startUiHarness, type UiHarness } from "./support/ui-harness.js";

const SLOW = { timeout: 120_000 };

async function modelNames(h: UiHarness): Promise<string[]> {
  return (await getJson(h.engine, "/api/tags")).models.map((model: { name: string }) => model.name);
}

/** Publishes a variant of the test model whose weights the engine does not have yet, so a pull downloads them. */
async function publishVariant(registry: TestRegistry, reference: string, seed: number): Promise<PublishedModel> {
  return registry.publish(
    reference,
    [
      { mediaType: MEDIA_TYPES.model, data: await readFile(await testModelPath({ seed })) },
      { mediaType: MEDIA_TYPES.template, data: "{{ .Prompt }}" },
    ],
    { model_family: "llama", model_families: ["llama"], model_type: "1M", file_type: "F32" },
  );
}

function row(page: Page, name: string) {
  return page.getByRole("table", { name: "Models" }).locator(`tr[data-model="${name}"]`);
}

describe("models in the browser", { skip: noBrowser }, () => {
  let h: UiHarness;
  let page: Page;
  let registry: TestRegistry;
  let pulled: PublishedModel;

  before(async () => {
    h = await startUiHarness();
    await createModelFromFile(h.engine, "tiny", await testModelPath());
    // About 5 s for the 741 KB test model: slow enough to pause in the middle.
    registry = await TestRegistry.start({ throttleBytesPerSecond: 150_000 });
    pulled = await publishVariant(registry, "library/tiny:latest", 11);
    await publishVariant(registry, "library/other:latest", 12);
  });
  after(async () => {
    await h?.close();
    await registry?.close();
  });

  test("every tag is listed with family, parameters, quantization, size and time", SLOW, async () => {
    page = await h.open("/app/models");
    const tiny = row(page, "tiny:latest");
    await tiny.waitFor();
    const cells = await tiny.locator("td").allInnerTexts();
    assert.deepEqual(cells.slice(0, 6), ["tiny:latest", "llama", cells[2], "F32", "741 KB", "just now"]);
    assert.match(cells[2], /K$/, "a parameter size");
    await screenshot(page, "07-models");
  });

  test("details show the template, parameters, system and license", SLOW, async () => {
    await page.getByRole("button", { name: "Details of tiny:latest" }).click();
    const dialog = page.getByRole("dialog", { name: "Model details" });
    await dialog.getByText("Architecture").waitFor();
    assert.match(await dialog.innerText(), /llama/);
    await screenshot(page, "08-model-details");
    for (const tab of ["Template", "Parameters", "System", "License", "Modelfile"]) {
      await dialog.getByRole("tab", { name: tab }).click();
      assert.ok((await dialog.getByRole("tabpanel").innerText()).trim().length > 0, `${tab} shows something`);
    }
    await dialog.getByRole("tab", { name: "Modelfile" }).click();
    assert.match(await dialog.getByRole("tabpanel").innerText(), /FROM/);
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  test("a model is copied to a new tag", SLOW, async () => {
    await page.getByRole("button", { name: "Copy tiny:latest" }).click();
    const dialog = page.getByRole("dialog", { name: "Copy model" });
    await dialog.getByLabel("New name").fill("tiny:backup");
    await dialog.getByRole("button", { name: "Copy", exact: true }).click();
    await row(page, "tiny:backup").waitFor();
    assert.ok((await modelNames(h)).includes("tiny:backup"));
  });

  test("delete asks first", SLOW, async () => {
    await page.getByRole("button", { name: "Delete tiny:backup" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete model?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    assert.ok((await modelNames(h)).includes("tiny:backup"), "cancel keeps it");
    await page.getByRole("button", { name: "Delete tiny:backup" }).click();
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await eventually(async () => (await row(page, "tiny:backup").count()) === 0, "the row goes");
    assert.ok(!(await modelNames(h)).includes("tiny:backup"));
    assert.ok((await modelNames(h)).includes("tiny:latest"), "the other tag of the same blobs stays");
  });

  test("a GGUF file is imported from the browser: hashed, uploaded, created", SLOW, async () => {
    // Another seed: bytes the engine does not have yet, so the upload really happens.
    const gguf = await testModelPath({ seed: 7 });
    await page.getByRole("button", { name: "Import GGUF" }).click();
    const dialog = page.getByRole("dialog", { name: "Import a GGUF file" });
    await dialog.getByLabel("GGUF file").setInputFiles(gguf);
    assert.equal(await dialog.getByLabel("Model name").inputValue(), basename(gguf, ".gguf").toLowerCase().replace(/[^a-z0-9._-]+/g, "-"));
    await dialog.getByLabel("Model name").fill("imported");
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await row(page, "imported:latest").waitFor({ timeout: 60_000 });
    const show = await (await fetch(`${h.engine.url}/api/show`, { method: "POST", body: JSON.stringify({ model: "imported" }) })).json() as { modelfile: string };
    assert.ok(show.modelfile.includes((await sha256File(gguf)).replace(":", "-")), "the model uses the uploaded blob");
  });

  test("a pull shows progress and can be paused and resumed", SLOW, async () => {
    const name = `${registry.host}/library/tiny`;
    await page.getByLabel("Model to pull").fill(name);
    await page.getByLabel("Plain HTTP registry (insecure)").check();
    await page.getByRole("button", { name: "Pull", exact: true }).click();
    const card = page.locator(`[data-testid=pull-card][data-model="${name}:latest"]`);
    await eventually(async () => /KB \/ 741 KB/.test(await card.getByTestId("pull-stats").innerText()), "bytes are shown");
    await eventually(async () => /KB\/s/.test(await card.getByTestId("pull-stats").innerText()) && /left/.test(await card.getByTestId("pull-stats").innerText()), "speed and time left are shown");
    await screenshot(page, "09-pull-progress");

    await card.getByRole("button", { name: "Pause" }).click();
    assert.equal(await card.getAttribute("data-phase"), "paused");
    const paused = await eventually(async () => {
      const rows = (await getJson(h.engine, "/api/downloads")).downloads as Array<{ model: string; state: string; completed: number }>;
      return rows.find((download) => download.model === `${name}:latest` && download.state === "paused");
    }, "the engine keeps the paused download");
    assert.ok(paused.completed > 0);
    await screenshot(page, "10-pull-paused");

    await card.getByRole("button", { name: "Resume" }).click();
    await eventually(async () => (await card.getAttribute("data-phase")) === "done", "the pull finishes", 60_000);
    await row(page, `${name}:latest`).waitFor();
    const weights = registry.requestsFor(pulled.manifest.layers[0].digest);
    assert.ok(
      weights.some((entry) => entry.server === "bytes" && entry.range !== undefined && !entry.range.startsWith("bytes=0-")),
      `the resume asked for the rest, not the start: ${JSON.stringify(weights.map((entry) => entry.range))}`,
    );
    await card.getByRole("button", { name: `Dismiss ${name}:latest` }).click();
  });

  test("cancel stops a pull and deletes what it downloaded", SLOW, async () => {
    const name = `${registry.host}/library/other`;
    await page.getByLabel("Model to pull").fill(name);
    await page.getByLabel("Plain HTTP registry (insecure)").check();
    await page.getByRole("button", { name: "Pull", exact: true }).click();
    const card = page.locator(`[data-testid=pull-card][data-model="${name}:latest"]`);
    await eventually(async () => /KB \/ /.test(await card.getByTestId("pull-stats").innerText()), "bytes are shown");
    await card.getByRole("button", { name: "Cancel" }).click();
    await eventually(async () => (await card.count()) === 0, "the card goes");
    await eventually(async () => ((await getJson(h.engine, "/api/downloads")).downloads as Array<{ model: string }>).every((download) => !download.model.includes("other")), "no download is left");
    assert.ok(!(await modelNames(h)).some((model) => model.includes("other")));
  });

  test("the pages asked nothing of the network and threw nothing", () => {
    assert.deepEqual(h.foreignRequests, []);
    assert.deepEqual(h.pageErrors, []);
  });
});
