import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { guardNavigation, type GuardedWebContents, type PreventableEvent } from "./navigation-guard.js";

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: "deny" };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: "deny" }) {
    this.openHandler = handler;
  }
  navigate(event: string, url?: string): boolean {
    let prevented = false;
    const preventable: PreventableEvent = { preventDefault: () => void (prevented = true) };
    this.emit(event, preventable, url);
    return prevented;
  }
}

function setup() {
  const contents = new FakeContents();
  const opened: string[] = [];
  guardNavigation(contents as unknown as GuardedWebContents, { openExternal: async (url) => void opened.push(url) });
  return { contents, opened };
}

test("window.open never opens a window; web links go to the system browser", () => {
  const { contents, opened } = setup();
  assert.deepEqual(contents.openHandler!({ url: "https://ollama.com/" }), { action: "deny" });
  assert.deepEqual(contents.openHandler!({ url: "file:///etc/passwd" }), { action: "deny" });
  assert.deepEqual(contents.openHandler!({ url: "app://paddock/app/" }), { action: "deny" });
  assert.deepEqual(opened, ["https://ollama.com/"]);
});

test("navigating away from the app is blocked; a web link opens outside instead", () => {
  const { contents, opened } = setup();
  assert.equal(contents.navigate("will-navigate", "https://example.com/"), true);
  assert.equal(contents.navigate("will-navigate", "file:///etc/passwd"), true);
  assert.equal(contents.navigate("will-redirect", "http://127.0.0.1:11434/app/"), true);
  assert.deepEqual(opened, ["https://example.com/", "http://127.0.0.1:11434/app/"]);
});

test("navigation inside the app is allowed", () => {
  const { contents, opened } = setup();
  assert.equal(contents.navigate("will-navigate", "app://paddock/app/models"), false);
  assert.deepEqual(opened, []);
});

test("no <webview> can be attached", () => {
  const { contents } = setup();
  assert.equal(contents.navigate("will-attach-webview"), true);
});
