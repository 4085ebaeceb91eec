import { test } from "node:test";
import assert from "node:assert/strict";
import { askAboutExistingServer, type MessageBoxOptionsLike } from "./existing-server-prompt.js";

function answering(response: number) {
  const shown: MessageBoxOptionsLike[] = [];
  return { shown, show: async (options: MessageBoxOptionsLike) => (shown.push(options), { response }) };
}

test("a running Ollama server can be used, replaced by our own engine on another port, or the app quits", async () => {
  const url = "http://127.0.0.1:11434";
  const ollama = { kind: "ollama", version: "0.12.3" } as const;
  for (const [response, choice] of [[0, "use"], [1, "own"], [2, "quit"]] as const) {
    const { show, shown } = answering(response);
    assert.equal(await askAboutExistingServer(show, ollama, url), choice);
    assert.equal(shown[0]!.message, "Ollama 0.12.3 is already running at http://127.0.0.1:11434.");
    assert.match(shown[0]!.detail, /Chat history needs Paddock's own engine/);
    assert.equal(shown[0]!.cancelId, 2);
  }
});

test("a running Paddock is named as such", async () => {
  const { show, shown } = answering(0);
  assert.equal(await askAboutExistingServer(show, { kind: "paddock", version: "0.1.0" }, "http://127.0.0.1:11434"), "use");
  assert.match(shown[0]!.message, /^Paddock 0\.1\.0 is already running/);
  assert.doesNotMatch(shown[0]!.detail, /Chat history/);
});

test("a port taken by another program cannot be 'used'", async () => {
  const { show, shown } = answering(0);
  assert.equal(await askAboutExistingServer(show, { kind: "other", detail: "GET / answered 200" }, "http://127.0.0.1:11434"), "own");
  assert.deepEqual(shown[0]!.buttons, ["Start Paddock on another port", "Quit"]);
  assert.equal((await askAboutExistingServer(answering(1).show, { kind: "other", detail: "x" }, "u")), "quit");
  // Closing the box (Escape) answers the cancel button.
  assert.equal(await askAboutExistingServer(answering(7).show, { kind: "other", detail: "x" }, "u"), "quit");
});
