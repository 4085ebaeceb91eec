import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEPRECATED_PARAMETERS,
  OPTION_KINDS,
  OptionError,
  addModelfileParameter,
  defaultOptions,
  formatParameterForModelfile,
  formatParametersForShow,
  mergeOptions,
  modelfileParameterArgs,
  parseModelfileParameter,
  parseOptions,
  type ParameterValue,
} from './options.js';

function rejects(fn: () => unknown, message: string, status: number): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof OptionError, `OptionError expected, got ${String(err)}`);
    assert.equal(err.message, message);
    assert.equal(err.status, status);
    return true;
  });
}

describe('defaultOptions (api.DefaultOptions, §10.1)', () => {
  it('matches Ollama', () => {
    assert.deepEqual(defaultOptions(), {
      num_ctx: 4096,
      num_batch: 512,
      num_gpu: -1,
      num_thread: 0,
      draft_num_predict: 4,
      num_keep: 4,
      seed: -1,
      num_predict: -1,
      top_k: 40,
      top_p: 0.9,
      min_p: 0,
      typical_p: 1,
      repeat_last_n: 64,
      temperature: 0.8,
      repeat_penalty: 1,
      presence_penalty: 0,
      frequency_penalty: 0,
    });
    assert.equal(defaultOptions(32768).num_ctx, 32768);
  });

  it('covers exactly the twenty Ollama keys', () => {
    assert.deepEqual(Object.keys(OPTION_KINDS).sort(), [
      'draft_num_predict', 'frequency_penalty', 'main_gpu', 'min_p', 'num_batch', 'num_ctx', 'num_gpu',
      'num_keep', 'num_predict', 'num_thread', 'presence_penalty', 'repeat_last_n', 'repeat_penalty',
      'seed', 'stop', 'temperature', 'top_k', 'top_p', 'typical_p', 'use_mmap',
    ]);
  });
});

describe('parseOptions (Options.FromMap, §10.3)', () => {
  it('accepts every field type', () => {
    const { options, ignored } = parseOptions({
      num_ctx: 8192,
      num_batch: 256,
      num_gpu: 0,
      main_gpu: 1,
      use_mmap: false,
      num_thread: 8,
      draft_num_predict: 2,
      num_keep: 5,
      seed: 42,
      num_predict: 128,
      top_k: 20,
      top_p: 0.5,
      min_p: 0.05,
      typical_p: 0.7,
      repeat_last_n: -1,
      temperature: 0,
      repeat_penalty: 1.1,
      presence_penalty: 0.2,
      frequency_penalty: -0.2,
      stop: ['</s>', '\n\n'],
    });
    assert.deepEqual(ignored, []);
    assert.equal(options.temperature, 0);
    assert.equal(options.use_mmap, false);
    assert.deepEqual(options.stop, ['</s>', '\n\n']);
    assert.equal(Object.keys(options).length, 20);
  });

  it('truncates fractional integers toward zero', () => {
    const { options } = parseOptions({ top_k: 1.9, seed: -2.7, num_predict: -0.5, main_gpu: 2.2 });
    assert.equal(options.top_k, 1);
    assert.equal(options.seed, -2);
    assert.ok(Object.is(options.num_predict, 0));
    assert.equal(options.main_gpu, 2);
  });

  it('accepts integer values for float fields', () => {
    assert.equal(parseOptions({ temperature: 1 }).options.temperature, 1);
  });

  it('ignores null values, unknown keys and removed options', () => {
    const parsed = parseOptions({
      temperature: null,
      stop: null,
      use_mmap: null,
      mirostat: 2,
      numa: true,
      penalize_newline: true,
      tfs_z: 1,
      whatever: 'x',
    });
    assert.deepEqual(parsed.options, {});
    assert.deepEqual(parsed.ignored, ['mirostat', 'numa', 'penalize_newline', 'tfs_z', 'whatever']);
  });

  it('treats a missing options object as empty', () => {
    assert.deepEqual(parseOptions(undefined), { options: {}, ignored: [] });
    assert.deepEqual(parseOptions(null), { options: {}, ignored: [] });
    assert.deepEqual(parseOptions({}), { options: {}, ignored: [] });
  });

  const typeErrors: Array<[Record<string, unknown>, string]> = [
    [{ top_k: '40' }, 'option "top_k" must be of type integer'],
    [{ top_k: true }, 'option "top_k" must be of type integer'],
    [{ num_ctx: [1] }, 'option "num_ctx" must be of type integer'],
    [{ main_gpu: '0' }, 'option "main_gpu" must be of type integer'],
    [{ seed: {} }, 'option "seed" must be of type integer'],
    [{ temperature: '0.7' }, 'option "temperature" must be of type float32'],
    [{ top_p: false }, 'option "top_p" must be of type float32'],
    [{ use_mmap: 'true' }, 'option "use_mmap" must be of type boolean'],
    [{ use_mmap: 1 }, 'option "use_mmap" must be of type boolean'],
    [{ stop: 'x' }, 'option "stop" must be of type array'],
    [{ stop: { a: 'b' } }, 'option "stop" must be of type array'],
    [{ stop: ['a', 1] }, 'option "stop" must be of an array of strings'],
    [{ stop: [null] }, 'option "stop" must be of an array of strings'],
  ];
  for (const [raw, message] of typeErrors) {
    it(`rejects ${JSON.stringify(raw)} with status 400`, () => rejects(() => parseOptions(raw), message, 400));
  }

  it('rejects a non-object options value like the JSON decoder (400)', () => {
    rejects(() => parseOptions('abc'), 'json: cannot unmarshal string into Go value of type map[string]interface {}', 400);
    rejects(() => parseOptions([]), 'json: cannot unmarshal array into Go value of type map[string]interface {}', 400);
    rejects(() => parseOptions(3), 'json: cannot unmarshal number into Go value of type map[string]interface {}', 400);
  });

  it('copies the stop array', () => {
    const stop = ['a'];
    const { options } = parseOptions({ stop });
    stop.push('b');
    assert.deepEqual(options.stop, ['a']);
  });
});

describe('mergeOptions: request > model params > defaults', () => {
  const defaults = defaultOptions(2048);

  it('layers in order', () => {
    const merged = mergeOptions(
      defaults,
      { temperature: 0.2, num_ctx: 8192, stop: ['<|end|>'], top_k: 10 },
      { temperature: 1.1, stop: ['x'] },
    );
    assert.equal(merged.temperature, 1.1);
    assert.equal(merged.num_ctx, 8192);
    assert.equal(merged.top_k, 10);
    assert.deepEqual(merged.stop, ['x']);
    assert.equal(merged.top_p, 0.9);
  });

  it('request num_ctx beats the model parameter, which beats the default (TestModelOptionsNumCtxPriority)', () => {
    assert.equal(mergeOptions(defaults, {}, {}).num_ctx, 2048);
    assert.equal(mergeOptions(defaults, { num_ctx: 4096 }, {}).num_ctx, 4096);
    assert.equal(mergeOptions(defaults, { num_ctx: 4096 }, { num_ctx: 1024 }).num_ctx, 1024);
  });

  it('a null in the request keeps the lower layer', () => {
    assert.equal(mergeOptions(defaults, { temperature: 0.3 }, { temperature: null }).temperature, 0.3);
  });

  it('accepts missing layers', () => {
    const merged = mergeOptions(defaults, undefined, undefined, { hasDraftModel: true });
    assert.deepEqual(merged, defaults);
  });

  it('draft_num_predict is 0 without a draft model unless a layer sets it', () => {
    assert.equal(mergeOptions(defaults, {}, {}).draft_num_predict, 0);
    assert.equal(mergeOptions(defaults, {}, {}, { hasDraftModel: true }).draft_num_predict, 4);
    assert.equal(mergeOptions(defaults, { draft_num_predict: 6 }, {}).draft_num_predict, 6);
    assert.equal(mergeOptions(defaults, {}, { draft_num_predict: 3 }).draft_num_predict, 3);
    // Ollama checks key presence, so even a null counts as "set" and keeps the default.
    assert.equal(mergeOptions(defaults, {}, { draft_num_predict: null }).draft_num_predict, 4);
  });

  it('surfaces type errors from either layer', () => {
    rejects(() => mergeOptions(defaults, { top_k: 'x' }, {}), 'option "top_k" must be of type integer', 400);
    rejects(() => mergeOptions(defaults, {}, { stop: 'x' }), 'option "stop" must be of type array', 400);
  });

  it('does not alias the caller arrays or the defaults', () => {
    const model = { stop: ['a'] };
    const merged = mergeOptions(defaults, model, {});
    merged.stop!.push('b');
    assert.deepEqual(model.stop, ['a']);
    assert.equal(defaults.stop, undefined);
  });
});

describe('parseModelfileParameter (api.FormatParams, §14.2)', () => {
  const ok: Array<[string, string, ParameterValue]> = [
    ['temperature', '0.7', 0.7],
    ['temperature', '1', 1],
    ['temperature', '-0.5', -0.5],
    ['temperature', '.5', 0.5],
    ['temperature', '5.', 5],
    ['temperature', '1e-3', 0.001],
    ['temperature', '+2', 2],
    ['temperature', '1_000.5', 1000.5],
    ['temperature', '0x1p-2', 0.25],
    ['top_p', '0.1', 0.1], // float32 rounding must not show as 0.10000000149011612
    ['repeat_penalty', '1.1', 1.1],
    ['top_k', '40', 40],
    ['top_k', '-1', -1],
    ['top_k', '+7', 7],
    ['seed', '9223372036854775807', 9223372036854775807],
    ['num_ctx', '007', 7],
    ['main_gpu', '0', 0],
    ['use_mmap', 'true', true],
    ['use_mmap', 'F', false],
    ['use_mmap', '1', true],
    ['use_mmap', 'FALSE', false],
    ['stop', '<|im_end|>', ['<|im_end|>']],
    ['stop', 'has space', ['has space']],
  ];
  for (const [key, value, want] of ok) {
    it(`${key} ${value}`, () => assert.deepEqual(parseModelfileParameter(key, value), want));
  }

  const bad: Array<[string, string, string]> = [
    ['temperature', 'hot', 'invalid float value [hot]'],
    ['temperature', '', 'invalid float value []'],
    ['temperature', '0.7 ', 'invalid float value [0.7 ]'],
    ['temperature', '1e39', 'invalid float value [1e39]'], // float32 overflow (ErrRange)
    ['temperature', 'inf', 'invalid float value [inf]'],
    ['temperature', 'NaN', 'invalid float value [NaN]'],
    ['temperature', '1__0', 'invalid float value [1__0]'],
    ['temperature', '_1', 'invalid float value [_1]'],
    ['temperature', '0x1.8', 'invalid float value [0x1.8]'],
    ['top_k', '4.0', 'invalid int value [4.0]'],
    ['top_k', '1e3', 'invalid int value [1e3]'],
    ['top_k', '1_000', 'invalid int value [1_000]'],
    ['top_k', 'forty', 'invalid int value [forty]'],
    ['seed', '9223372036854775808', 'invalid int value [9223372036854775808]'],
    ['main_gpu', 'x', 'invalid int value [x]'],
    ['use_mmap', 'yes', 'invalid bool value [yes]'],
    ['use_mmap', 'tRUE', 'invalid bool value [tRUE]'],
    ['numa', 'true', "unknown parameter 'numa'"],
    ['tfs_z', '1', "unknown parameter 'tfs_z'"],
    ['Temperature', '1', "unknown parameter 'Temperature'"],
    ['foo', 'bar', "unknown parameter 'foo'"],
  ];
  for (const [key, value, message] of bad) {
    it(`rejects ${key} ${JSON.stringify(value)}`, () => rejects(() => parseModelfileParameter(key, value), message, 400));
  }

  it('drops deprecated parameters without checking their value', () => {
    for (const key of DEPRECATED_PARAMETERS) assert.equal(parseModelfileParameter(key, 'not-a-number'), undefined);
  });

  it('addModelfileParameter accumulates stop and lets other keys be replaced', () => {
    const params: Record<string, ParameterValue> = {};
    assert.equal(addModelfileParameter(params, 'stop', '<|a|>'), true);
    assert.equal(addModelfileParameter(params, 'temperature', '0.5'), true);
    assert.equal(addModelfileParameter(params, 'stop', '<|b|>'), true);
    assert.equal(addModelfileParameter(params, 'temperature', '0.9'), true);
    assert.equal(addModelfileParameter(params, 'mirostat', '2'), false);
    assert.deepEqual(params, { stop: ['<|a|>', '<|b|>'], temperature: 0.9 });
    assert.throws(() => addModelfileParameter(params, 'nope', '1'), /unknown parameter 'nope'/);
  });
});

describe('formatParametersForShow (`%-30s %#v`)', () => {
  it('pads keys to 30 columns and prints Go-syntax values, one line per list item', () => {
    const text = formatParametersForShow({
      stop: ['<|start_header_id|>', '<|eot_id|>'],
      temperature: 0.7,
      num_ctx: 8192,
      use_mmap: true,
    });
    assert.equal(
      text,
      [
        'stop                           "<|start_header_id|>"',
        'stop                           "<|eot_id|>"',
        'temperature                    0.7',
        'num_ctx                        8192',
        'use_mmap                       true',
      ].join('\n'),
    );
  });

  it('quotes strings with Go escaping', () => {
    assert.equal(formatParametersForShow({ stop: ['a"b\\c\n\t\u0001é\u00a0😀'] }), `stop${' '.repeat(27)}"a\\"b\\\\c\\n\\t\\x01é\\u00a0😀"`);
  });

  it('prints numbers as Go prints a float64', () => {
    const line = (n: number): string => formatParametersForShow({ seed: n }).slice(31);
    assert.equal(line(42), '42');
    assert.equal(line(-1), '-1');
    assert.equal(line(0), '0');
    assert.equal(line(999999), '999999');
    assert.equal(line(1000000), '1e+06');
    assert.equal(line(1234567), '1.234567e+06');
    assert.equal(line(0.0001), '0.0001');
    assert.equal(line(0.00001), '1e-05');
    assert.equal(line(1e21), '1e+21');
    assert.equal(line(1.5e-300), '1.5e-300');
    assert.equal(line(0.9), '0.9');
  });

  it('is empty for no parameters and keeps long keys unpadded', () => {
    assert.equal(formatParametersForShow({}), '');
    assert.equal(formatParametersForShow(undefined), '');
    assert.equal(formatParametersForShow({ ['k'.repeat(31)]: 1 }), `${'k'.repeat(31)} 1`);
  });

  it('renders unusual JSON values in Go syntax', () => {
    assert.equal(formatParametersForShow({ x: null }).slice(31), '<nil>');
    assert.equal(formatParametersForShow({ x: { b: 'y', a: 1 } }).slice(31), 'map[string]interface {}{"a":1, "b":"y"}');
    assert.equal(formatParametersForShow({ x: [[1, 's']] }).slice(31), '[]interface {}{1, "s"}');
  });
});

describe('formatParameterForModelfile (`%v`)', () => {
  it('prints bare values', () => {
    assert.equal(formatParameterForModelfile('<|eot_id|>'), '<|eot_id|>');
    assert.equal(formatParameterForModelfile(0.9), '0.9');
    assert.equal(formatParameterForModelfile(42), '42');
    assert.equal(formatParameterForModelfile(1e6), '1e+06');
    assert.equal(formatParameterForModelfile(true), 'true');
    assert.equal(formatParameterForModelfile(['a', 'b']), '[a b]');
  });

  it('modelfileParameterArgs expands lists', () => {
    assert.deepEqual(modelfileParameterArgs({ stop: ['a', 'b'], top_k: 40 }), [
      ['stop', 'a'],
      ['stop', 'b'],
      ['top_k', '40'],
    ]);
    assert.deepEqual(modelfileParameterArgs(undefined), []);
  });
});
