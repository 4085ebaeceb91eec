import { test } from "node:test";
import assert from "node:assert/strict";
import { APP_ENTRY_URL, isAppUrl, isSameOrigin, isTrustedSender } from "./app-origin.js";

test("the app's own URLs are recognised by scheme and host", () => {
  assert.equal(APP_ENTRY_URL, "app://paddock/app/");
  assert.equal(isAppUrl("app://paddock/app/models?x=1"), true);
  assert.equal(isAppUrl("APP://PADDOCK/app/"), true);
  for (const url of ["app://paddock.evil/app/", "app://evil/app/", "https://paddock/app/", "app:paddock", "about:blank", "", "data:text/html,x"]) {
    assert.equal(isAppUrl(url), false, url);
  }
});

test("origins compare scheme, host and port", () => {
  assert.equal(isSameOrigin("http://127.0.0.1:11434/api/tags", "http://127.0.0.1:11434"), true);
  assert.equal(isSameOrigin("http://127.0.0.1:11435/", "http://127.0.0.1:11434"), false);
  assert.equal(isSameOrigin("https://127.0.0.1:11434/", "http://127.0.0.1:11434"), false);
});

test("only the top frame of our own page is a trusted sender", () => {
  assert.equal(isTrustedSender({ url: "app://paddock/app/", parent: null }), true);
  assert.equal(isTrustedSender({ url: "app://paddock/app/", parent: {} }), false);
  assert.equal(isTrustedSender({ url: "https://example.com/", parent: null }), false);
  assert.equal(isTrustedSender(null), false);
});
