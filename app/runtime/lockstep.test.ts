import assert from "node:assert/strict";
import { test } from "node:test";
import { Lockstep } from "./lockstep.js";

const settled = async (promise: Promise<void> | undefined) => {
  let done = promise === undefined;
  promise?.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

test("a lone member never waits", async () => {
  const step = new Lockstep();
  assert.equal(step.arrive(), undefined);
  step.join();
  assert.equal(step.arrive(), undefined);
});

test("members go on together once the last of them arrives", async () => {
  const step = new Lockstep();
  step.join();
  step.join();
  step.join();
  const first = step.arrive();
  const second = step.arrive();
  assert.equal(await settled(first), false);
  assert.equal(await settled(second), false);
  const third = step.arrive();
  assert.equal(await settled(first), true);
  assert.equal(await settled(second), true);
  assert.equal(await settled(third), true);
  // and the next step starts empty
  const again = step.arrive();
  assert.equal(await settled(again), false);
});

test("a member that leaves lets the ones waiting for it go", async () => {
  const step = new Lockstep();
  step.join();
  step.join();
  const waiting = step.arrive();
  assert.equal(await settled(waiting), false);
  step.leave();
  assert.equal(await settled(waiting), true);
  assert.equal(step.size, 1);
  assert.equal(step.arrive(), undefined);
});

test("no member waits longer than the safety limit for one that never comes", async () => {
  const step = new Lockstep(20);
  step.join();
  step.join();
  const started = performance.now();
  await step.arrive();
  assert.ok(performance.now() - started >= 15);
});
