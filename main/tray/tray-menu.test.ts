import { test } from "node:test";
import assert from "node:assert/strict";
import type { MenuItemConstructorOptions } from "electron";
import type { EngineInfo } from "../ipc/contract.js";
import { trayMenuTemplate, type TrayMenuActions } from "./tray-menu.js";

const engine: EngineInfo = { url: "http://127.0.0.1:11434", mode: "embedded", server: "paddock", version: "0.1.0" };

function recorder() {
  const calls: string[] = [];
  const actions: TrayMenuActions = {
    toggleWindow: () => calls.push("toggle"),
    unload: (model) => calls.push(`unload ${model}`),
    quit: () => calls.push("quit"),
  };
  return { calls, actions };
}

const labels = (items: MenuItemConstructorOptions[]) => items.map((item) => item.label ?? `(${item.type})`);
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

test("the menu shows or hides the window, lists running models and quits", () => {
  const { calls, actions } = recorder();
  const menu = trayMenuTemplate(
    { windowVisible: true, engine, running: [{ name: "llama3.2:latest", size: 2_019_000_000 }, { name: "tiny:latest", size: 512 }] },
    actions,
  );
  assert.deepEqual(labels(menu), [
    "Hide Paddock",
    "(separator)",
    "Running models",
    "llama3.2:latest  (2.0 GB)",
    "tiny:latest  (512 B)",
    "(separator)",
    "Engine on 127.0.0.1:11434",
    "Quit Paddock",
  ]);
  click(menu[0]);
  click((menu[3]!.submenu as MenuItemConstructorOptions[])[0]);
  click(menu.at(-1));
  assert.deepEqual(calls, ["toggle", "unload llama3.2:latest", "quit"]);
});

test("a hidden window, no running models and an external server read as such", () => {
  const menu = trayMenuTemplate({ windowVisible: false, engine: { ...engine, mode: "external", server: "ollama", version: "0.12.3" }, running: [] }, recorder().actions);
  assert.deepEqual(labels(menu), ["Show Paddock", "(separator)", "Running models", "No models running", "(separator)", "Using Ollama 0.12.3 on 127.0.0.1:11434", "Quit Paddock"]);
  assert.equal(menu[3]!.enabled, false);
});

test("an engine that does not answer is shown, not hidden", () => {
  const menu = trayMenuTemplate({ windowVisible: false, engine, running: undefined }, recorder().actions);
  assert.equal(menu[3]!.label, "The engine does not answer");
});
