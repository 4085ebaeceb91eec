import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readSettings } from "../settings/settings.js";
import {
  effectiveEngineSettings,
  environmentOverrides,
  formatKeepAlive,
  keepAliveMs,
  pendingSettings,
  settingsPatchSchema,
  storedEngineSettings,
  storedSettingsEnv,
} from "./engine-settings.js";
import { historyDbPath, paddockDataDir } from "./data-dir.js";

describe("engine settings from the UI", () => {
  test("keep-alive durations read and print like Go's", () => {
    assert.equal(keepAliveMs("5m"), 300_000);
    assert.equal(keepAliveMs("90"), 90_000);
    assert.equal(keepAliveMs("-1"), Infinity);
    assert.equal(keepAliveMs("soon"), undefined);
    assert.equal(formatKeepAlive(300_000), "5m");
    assert.equal(formatKeepAlive(5_430_000), "1h30m30s");
    assert.equal(formatKeepAlive(Infinity), "-1");
    assert.equal(formatKeepAlive(0), "0");
  });

  test("the patch schema validates and normalises", () => {
    const schema = settingsPatchSchema("/home/me");
    assert.deepEqual(schema.parse({ models_dir: "~/.ollama/models", expose: true }), { models_dir: "/home/me/.ollama/models", expose: true });
    assert.equal(schema.safeParse({ models_dir: "relative/dir" }).success, false);
    assert.equal(schema.safeParse({ origins: ["ftp://x"] }).success, false);
    assert.equal(schema.safeParse({ origins: ["chrome-extension://*"] }).success, true);
    assert.equal(schema.safeParse({ keep_alive: "forever" }).success, false);
    assert.equal(schema.safeParse({ context_length: -1 }).success, false);
    assert.equal(schema.safeParse({ unknown: 1 }).success, false);
    assert.deepEqual(schema.parse({ expose: null }), { expose: null });
  });

  test("stored settings become PADDOCK_ variables unless the environment sets them", () => {
    const stored = storedEngineSettings({ models_dir: "/m", expose: true, origins: ["http://x.example"], context_length: 8192, keep_alive: "1h", junk: 1 });
    const env = storedSettingsEnv(stored, { OLLAMA_KEEP_ALIVE: "2m", HOME: "/home/me" });
    assert.equal(env.PADDOCK_MODELS, "/m");
    assert.equal(env.PADDOCK_HOST, "0.0.0.0:11434");
    assert.equal(env.PADDOCK_ORIGINS, "http://x.example");
    assert.equal(env.PADDOCK_CONTEXT_LENGTH, "8192");
    assert.equal(env.PADDOCK_KEEP_ALIVE, undefined);
    assert.equal(env.OLLAMA_KEEP_ALIVE, "2m");
    const settings = readSettings(env, "/home/me");
    assert.deepEqual(effectiveEngineSettings(settings), {
      models_dir: "/m",
      expose: true,
      origins: ["http://x.example"],
      context_length: 8192,
      keep_alive: "2m",
    });
  });

  test("pending lists saved values the running engine does not use yet", () => {
    const effective = effectiveEngineSettings(readSettings({ PADDOCK_MODELS: "/m" }, "/home/me"));
    assert.equal(effective.expose, false);
    assert.equal(effective.keep_alive, "5m");
    const stored = { models_dir: "/m/", keep_alive: "300s", expose: true, context_length: 0 };
    assert.deepEqual(pendingSettings(stored, effective, {}), ["expose"]);
    assert.deepEqual(pendingSettings(stored, effective, environmentOverrides({ OLLAMA_HOST: "0.0.0.0" })), []);
  });

  test("the data folder is PADDOCK_DATA or ~/.paddock, never beside the models", () => {
    assert.equal(paddockDataDir({}, "/home/me"), "/home/me/.paddock");
    assert.equal(historyDbPath({ PADDOCK_DATA: "/data/p", PADDOCK_MODELS: "/x" }, "/home/me"), "/data/p/paddock.db");
  });
});

describe("withStoredSettings", () => {
  test("adds the saved settings to the environment the engine starts with, without creating a database", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { existsSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { History, withStoredSettings } = await import("./history.js");
    const dir = await mkdtemp(join(tmpdir(), "paddock-stored-"));
    const file = join(dir, "paddock.db");
    const env = { PADDOCK_DATA: dir, OLLAMA_HOST: "127.0.0.1:9999" };
    assert.equal(withStoredSettings(env, file), env, "no database: the environment as it is");
    assert.equal(existsSync(file), false);

    const history = new History(file);
    history.settings.patch({ keep_alive: "1h", expose: true, models_dir: "/srv/models" });
    history.close();
    const merged = withStoredSettings(env, file);
    assert.equal(merged.PADDOCK_KEEP_ALIVE, "1h");
    assert.equal(merged.PADDOCK_MODELS, "/srv/models");
    assert.equal(merged.PADDOCK_HOST, undefined, "OLLAMA_HOST in the environment wins over the saved expose");
    const settings = readSettings(merged, "/home/me");
    assert.equal(settings.keepAliveMs, 3_600_000);
    assert.equal(settings.modelsDir, "/srv/models");
    assert.equal(settings.port, 9999);
    await rm(dir, { recursive: true, force: true });
  });
});
