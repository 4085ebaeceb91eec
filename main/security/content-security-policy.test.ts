import { test } from "node:test";
import assert from "node:assert/strict";
import { contentSecurityPolicy, withContentSecurityPolicy } from "./content-security-policy.js";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

test("the page may load only its own code and talk only to itself and the engine", () => {
  const csp = directives(contentSecurityPolicy("http://127.0.0.1:11434"));
  assert.deepEqual(csp.get("default-src"), ["'self'"]);
  assert.deepEqual(csp.get("script-src"), ["'self'"]);
  assert.deepEqual(csp.get("connect-src"), ["'self'", "http://127.0.0.1:11434"]);
  assert.deepEqual(csp.get("object-src"), ["'none'"]);
  assert.deepEqual(csp.get("frame-src"), ["'none'"]);
  assert.deepEqual(csp.get("base-uri"), ["'none'"]);
  assert.deepEqual(csp.get("form-action"), ["'none'"]);
  assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
  const everything = [...csp.values()].flat();
  assert.ok(!everything.includes("'unsafe-eval'"));
  assert.ok(!everything.includes("*"));
  assert.ok(!csp.get("script-src")!.includes("'unsafe-inline'"));
});

test("connect-src names the engine's origin, not its path", () => {
  const csp = directives(contentSecurityPolicy("http://localhost:8080/some/path"));
  assert.deepEqual(csp.get("connect-src"), ["'self'", "http://localhost:8080"]);
});

test("the policy replaces whatever policy a server sent", () => {
  const headers = withContentSecurityPolicy({ "content-security-policy": ["default-src *"], "Content-Type": ["text/html"] }, "default-src 'self'");
  assert.deepEqual(headers, { "Content-Type": ["text/html"], "Content-Security-Policy": ["default-src 'self'"] });
  assert.deepEqual(withContentSecurityPolicy(undefined, "x"), { "Content-Security-Policy": ["x"] });
});
