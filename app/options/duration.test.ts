import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nanosToMs, parseGoDuration, parseKeepAlive } from './duration.js';
import { OptionError } from './option-error.js';

function rejects(fn: () => unknown, message: string, status = 400): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof OptionError, 'OptionError expected');
    assert.equal(err.message, message);
    assert.equal(err.status, status);
    return true;
  });
}

describe('parseGoDuration (time.ParseDuration)', () => {
  const ok: Array<[string, bigint]> = [
    ['0', 0n],
    ['-0', 0n],
    ['+0', 0n],
    ['5m', 300_000_000_000n],
    ['1h30m', 5_400_000_000_000n],
    ['300ms', 300_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['-1m', -60_000_000_000n],
    ['+5s', 5_000_000_000n],
    ['0s', 0n],
    ['1ns', 1n],
    ['1us', 1_000n],
    ['1µs', 1_000n],
    ['1μs', 1_000n],
    ['.5s', 500_000_000n],
    ['5.s', 5_000_000_000n],
    ['1h2m3s4ms5us6ns', 3_723_004_005_006n],
    ['2h45m', 9_900_000_000_000n],
    ['0.000000001s', 1n],
    ['0.0000000001s', 0n],
    ['1.0000000000000000000000001s', 1_000_000_000n],
    ['2562047h47m16.854775807s', 9_223_372_036_854_775_807n],
    ['-2562047h47m16.854775808s', -9_223_372_036_854_775_808n],
  ];
  for (const [input, ns] of ok) {
    it(`${input} = ${ns}ns`, () => assert.equal(parseGoDuration(input), ns));
  }

  const bad: Array<[string, string]> = [
    ['', 'time: invalid duration ""'],
    ['abc', 'time: invalid duration "abc"'],
    ['3600', 'time: missing unit in duration "3600"'],
    ['1', 'time: missing unit in duration "1"'],
    ['-1', 'time: missing unit in duration "-1"'],
    ['1.5', 'time: missing unit in duration "1.5"'],
    ['1m2', 'time: missing unit in duration "1m2"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
    ['5 m', 'time: unknown unit " m" in duration "5 m"'],
    ['5M', 'time: unknown unit "M" in duration "5M"'],
    ['1e3s', 'time: unknown unit "e" in duration "1e3s"'],
    ['-', 'time: invalid duration "-"'],
    ['+', 'time: invalid duration "+"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-.s', 'time: invalid duration "-.s"'],
    ['s', 'time: invalid duration "s"'],
    [' 5m', 'time: invalid duration " 5m"'],
    ['5m ', 'time: unknown unit "m " in duration "5m "'],
    ['--5m', 'time: invalid duration "--5m"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['2562047h47m16.854775808s', 'time: invalid duration "2562047h47m16.854775808s"'],
    ['99999999999999999999h', 'time: invalid duration "99999999999999999999h"'],
    ['5分', 'time: unknown unit "\\xe5\\x88\\x86" in duration "5\\xe5\\x88\\x86"'],
    ['a"b', 'time: invalid duration "a\\"b"'],
    ['\n', 'time: invalid duration "\\x0a"'],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => rejects(() => parseGoDuration(input), message));
  }

  it('nanosToMs keeps fractions', () => {
    assert.equal(nanosToMs(300n), 0.0003);
    assert.equal(nanosToMs(300_000_000n), 300);
    assert.equal(nanosToMs(-60_000_000_000n), -60_000);
  });
});

describe('parseKeepAlive (api.Duration.UnmarshalJSON, §4.1)', () => {
  const ok: Array<[unknown, number | undefined]> = [
    [undefined, undefined],
    [null, undefined],
    [0, 0],
    [300, 300_000],
    [1.5, 1_500],
    [0.0005, 0.5],
    [1e-10, 0], // below a nanosecond
    [-1, Infinity],
    [-0.5, Infinity],
    [1e300, Infinity], // beyond Go's max duration
    ['0', 0],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['300ms', 300],
    ['1.5h', 5_400_000],
    ['-1m', Infinity],
    ['-1ns', Infinity],
    ['24h', 86_400_000],
  ];
  for (const [input, ms] of ok) {
    it(`${JSON.stringify(input) ?? 'undefined'} → ${ms}`, () => {
      assert.deepEqual(parseKeepAlive(input), ms === undefined ? undefined : { ms });
    });
  }

  const bad: Array<[unknown, string]> = [
    ['3600', 'time: missing unit in duration "3600"'],
    ['-1', 'time: missing unit in duration "-1"'],
    ['abc', 'time: invalid duration "abc"'],
    ['', 'time: invalid duration ""'],
    [true, "Unsupported type: 'bool'"],
    [false, "Unsupported type: 'bool'"],
    [{}, "Unsupported type: 'map[string]interface {}'"],
    [{ a: 1 }, "Unsupported type: 'map[string]interface {}'"],
    [[], "Unsupported type: '[]interface {}'"],
    [['5m'], "Unsupported type: '[]interface {}'"],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input)} with 400`, () => rejects(() => parseKeepAlive(input), message));
  }
});
