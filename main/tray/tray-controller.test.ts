import { test } from "node:test";
import assert from "node:assert/strict";
import type { MenuItemConstructorOptions } from "electron";
import type { RunningModel } from "../engine/running-models.js";
import type { EngineInfo } from "../ipc/contract.js";
import { TrayController, type TrayLike } from "./tray-controller.js";

const engine: EngineInfo = { url: "http://127.0.0.1:11434", mode: "embedded", server: "paddock", version: "0.1.0" };

class FakeTray implements TrayLike {
  tooltip = "";
  menus: MenuItemConstructorOptions[][] = [];
  clickListener?: () => void;
  destroyed = false;
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown) {
    this.menus.push(menu as MenuItemConstructorOptions[]);
  }
  on(_event: "click", listener: () => void) {
    this.clickListener = listener;
  }
  destroy() {
    this.destroyed = true;
  }
}

function setup(running: () => Promise<RunningModel[]>) {
  const tray = new FakeTray();
  let visible = true;
  const calls: string[] = [];
  const controller = new TrayController({
    tray,
    buildMenu: (template) => template,
    engine,
    fetchRunning: running,
    unload: async (model) => void calls.push(`unload ${model}`),
    isWindowVisible: () => visible,
    toggleWindow: () => ((visible = !visible), calls.push("toggle")),
    quit: () => calls.push("quit"),
    pollMs: 10_000,
  });
  return { tray, controller, calls, setVisible: (value: boolean) => (visible = value) };
}

test("the tray starts with a tooltip and a menu, and a click toggles the window", () => {
  const { tray, calls } = setup(async () => []);
  assert.equal(tray.tooltip, "Paddock");
  assert.equal(tray.menus.length, 1);
  tray.clickListener!();
  assert.deepEqual(calls, ["toggle"]);
});

test("the menu is rebuilt only when what it shows changes", async () => {
  let models: RunningModel[] = [];
  const { tray, controller, setVisible } = setup(async () => models);
  await controller.refresh();
  assert.equal(tray.menus.length, 1);
  models = [{ name: "tiny:latest", size: 1000 }];
  await controller.refresh();
  assert.equal(tray.menus.length, 2);
  assert.equal(tray.menus[1]![3]!.label, "tiny:latest  (1 KB)");
  await controller.refresh();
  assert.equal(tray.menus.length, 2);
  setVisible(false);
  controller.render();
  assert.equal(tray.menus.length, 3);
  assert.equal(tray.menus[2]![0]!.label, "Show Paddock");
});

test("an engine that stops answering is shown in the menu", async () => {
  const { tray, controller } = setup(async () => {
    throw new Error("ECONNREFUSED");
  });
  await controller.refresh();
  assert.equal(tray.menus.at(-1)![3]!.label, "The engine does not answer");
});

test("unloading from the menu asks the engine and refreshes", async () => {
  let models: RunningModel[] = [{ name: "tiny:latest", size: 1 }];
  const { tray, controller, calls } = setup(async () => models);
  await controller.refresh();
  models = [];
  ((tray.menus.at(-1)![3]!.submenu as MenuItemConstructorOptions[])[0]!.click as () => void)();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(calls, ["unload tiny:latest"]);
  assert.equal(tray.menus.at(-1)![3]!.label, "No models running");
});

test("stopping ends the polling and removes the icon", () => {
  const { tray, controller } = setup(async () => []);
  controller.start();
  controller.stop();
  assert.equal(tray.destroyed, true);
});
