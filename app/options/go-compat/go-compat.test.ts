import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { float32Shortest, goFormatFloat } from './format-float.js';
import { goParseBool, goParseFloat, goParseInt, goParseUint } from './parse-number.js';
import { goQuote, goTimeQuote } from './quote.js';
import { goTrimSpace } from './trim-space.js';

describe('goQuote (strconv.Quote)', () => {
  const cases: Array<[string, string]> = [
    ['', '""'],
    ['m:local:cloud', '"m:local:cloud"'],
    ['a"b', '"a\\"b"'],
    ['back\\slash', '"back\\\\slash"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\0\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['héllo 世界 😀', '"héllo 世界 😀"'],
    ['\u00a0\u2028\u200b\ufeff', '"\\u00a0\\u2028\\u200b\\ufeff"'],
    ['\u{e0001}', '"\\U000e0001"'],
    ['\ud800', '"\ufffd"'],
  ];
  for (const [input, want] of cases) {
    it(JSON.stringify(input), () => assert.equal(goQuote(input), want));
  }
});

describe('goTimeQuote (time package quote)', () => {
  it('escapes each UTF-8 byte of non-ASCII and control characters', () => {
    assert.equal(goTimeQuote('abc'), '"abc"');
    assert.equal(goTimeQuote('é'), '"\\xc3\\xa9"');
    assert.equal(goTimeQuote('\t'), '"\\x09"');
    assert.equal(goTimeQuote('a"\\'), '"a\\"\\\\"');
    assert.equal(goTimeQuote('\x7f'), '"\x7f"');
  });
});

describe('goTrimSpace', () => {
  it('trims Go white space, not the BOM', () => {
    assert.equal(goTrimSpace(' \t\n\v\f\r\u0085\u00a0\u3000x y\u2029 '), 'x y');
    assert.equal(goTrimSpace('\ufeffx'), '\ufeffx');
    assert.equal(goTrimSpace(''), '');
  });
});

describe('strconv parsers', () => {
  it('ParseBool accepts exactly the Go spellings', () => {
    for (const s of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(goParseBool(s), true, s);
    for (const s of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(goParseBool(s), false, s);
    for (const s of ['', 'yes', 'no', 'on', 'tRUE', ' true', '2']) assert.equal(goParseBool(s), undefined, s);
  });

  it('ParseInt base 10', () => {
    assert.equal(goParseInt('42'), 42n);
    assert.equal(goParseInt('-42'), -42n);
    assert.equal(goParseInt('+42'), 42n);
    assert.equal(goParseInt('-9223372036854775808'), -(2n ** 63n));
    assert.equal(goParseInt('9223372036854775808'), undefined);
    for (const s of ['', '+', '1.0', '1e3', '0x10', '1_0', ' 1', '1 ']) assert.equal(goParseInt(s), undefined, s);
    assert.equal(goParseInt('65535', 32), 65535n);
    assert.equal(goParseInt('2147483648', 32), undefined);
  });

  it('ParseUint base 10', () => {
    assert.equal(goParseUint('0'), 0n);
    assert.equal(goParseUint('18446744073709551615'), 2n ** 64n - 1n);
    for (const s of ['18446744073709551616', '-1', '+1', '', '1.5', 'abc']) assert.equal(goParseUint(s), undefined, s);
  });

  it('ParseFloat syntax', () => {
    const ok: Array<[string, number]> = [
      ['0', 0], ['1.5', 1.5], ['-2', -2], ['+.5', 0.5], ['5.', 5], ['1E3', 1000], ['1e-3', 0.001],
      ['1_000', 1000], ['0x10p0', 16], ['0x.8p1', 1], ['0X1P-2', 0.25], ['0x_1p0', 1],
    ];
    for (const [s, n] of ok) assert.equal(goParseFloat(s), n, s);
    assert.equal(goParseFloat('inf'), Infinity);
    assert.equal(goParseFloat('-Infinity'), -Infinity);
    assert.ok(Number.isNaN(goParseFloat('nan')));
    for (const s of ['', '.', 'e5', '1e', '1_', '_1', '1__0', '1._5', '0x1', '0x1.8', '0xp0', '1,5', ' 1', 'abc', '0b1']) {
      assert.equal(goParseFloat(s), undefined, s);
    }
  });
});

describe('goFormatFloat (%v of float64)', () => {
  const cases: Array<[number, string]> = [
    [0, '0'], [-0, '-0'], [1, '1'], [-1, '-1'], [0.9, '0.9'], [0.1 + 0.2, '0.30000000000000004'],
    [123456, '123456'], [999999.5, '999999.5'], [1e6, '1e+06'], [1.5e6, '1.5e+06'], [1e100, '1e+100'],
    [0.0001, '0.0001'], [0.00012, '0.00012'], [0.00001, '1e-05'], [1.25e-7, '1.25e-07'],
    [Infinity, '+Inf'], [-Infinity, '-Inf'], [Number.NaN, 'NaN'],
  ];
  for (const [n, want] of cases) it(`${n} → ${want}`, () => assert.equal(goFormatFloat(n), want));
});

describe('float32Shortest', () => {
  it('rounds to float32 but keeps the short decimal', () => {
    assert.equal(float32Shortest(0.7), 0.7);
    assert.equal(float32Shortest(0.1), 0.1);
    assert.equal(float32Shortest(1.1), 1.1);
    assert.equal(float32Shortest(0.123456789), 0.12345679);
    assert.equal(float32Shortest(16777217), 16777216);
    assert.equal(float32Shortest(1e39), Infinity);
    assert.equal(float32Shortest(0), 0);
  });
});
