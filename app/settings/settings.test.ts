import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cleanEnvValue } from './env-value.js';
import { parseHostSetting, splitHostPort } from './host.js';
import { DEFAULT_ORIGINS, originProblem } from './origins.js';
import { allowedOrigins, readSettings } from './settings.js';

const HOME = '/home/tester';
const read = (env: Record<string, string>) => readSettings(env, HOME);

describe('defaults', () => {
  it('with an empty environment', () => {
    assert.deepEqual(read({}), {
      host: '127.0.0.1',
      port: 11434,
      scheme: 'http',
      baseUrl: 'http://127.0.0.1:11434',
      modelsDir: path.join(HOME, '.paddock', 'models'),
      keepAliveMs: 300_000,
      loadTimeoutMs: 300_000,
      origins: [],
      numParallel: 1,
      maxQueue: 512,
      maxLoadedModels: 3,
      contextLength: 4096,
      contextLengthAuto: true,
      noPrune: false,
      debug: false,
      logLevel: 'info',
      warnings: [],
    });
  });

  it('reads process.env and the real home when called without arguments', () => {
    const settings = readSettings();
    assert.equal(typeof settings.port, 'number');
    assert.ok(Array.isArray(settings.warnings));
  });
});

describe('precedence: PADDOCK_ beats OLLAMA_', () => {
  const pairs: Array<[string, string, string, (s: ReturnType<typeof read>) => unknown, unknown]> = [
    ['HOST', '0.0.0.0:1', '0.0.0.0:2', (s) => s.port, 1],
    ['MODELS', '/p', '/o', (s) => s.modelsDir, '/p'],
    ['KEEP_ALIVE', '1m', '2m', (s) => s.keepAliveMs, 60_000],
    ['LOAD_TIMEOUT', '1m', '2m', (s) => s.loadTimeoutMs, 60_000],
    ['ORIGINS', 'http://p.test', 'http://o.test', (s) => s.origins, ['http://p.test']],
    ['NUM_PARALLEL', '2', '3', (s) => s.numParallel, 2],
    ['MAX_QUEUE', '10', '20', (s) => s.maxQueue, 10],
    ['MAX_LOADED_MODELS', '1', '2', (s) => s.maxLoadedModels, 1],
    ['CONTEXT_LENGTH', '8192', '2048', (s) => s.contextLength, 8192],
    ['NOPRUNE', 'false', 'true', (s) => s.noPrune, false],
    ['DEBUG', '0', '1', (s) => s.debug, false],
  ];
  for (const [suffix, paddock, ollama, pick, want] of pairs) {
    it(suffix, () => {
      assert.deepEqual(pick(read({ [`PADDOCK_${suffix}`]: paddock, [`OLLAMA_${suffix}`]: ollama })), want);
      // The Ollama twin is used when the Paddock name is absent or blank.
      const fallback = pick(read({ [`OLLAMA_${suffix}`]: ollama }));
      assert.deepEqual(pick(read({ [`PADDOCK_${suffix}`]: '  ', [`OLLAMA_${suffix}`]: ollama })), fallback);
      assert.notDeepEqual(fallback, pick(read({})));
    });
  }

  it('API_KEY is read from PADDOCK_API_KEY only', () => {
    assert.equal(read({ PADDOCK_API_KEY: ' secret ' }).apiKey, 'secret');
    assert.equal(read({ OLLAMA_API_KEY: 'secret' }).apiKey, undefined);
    assert.equal('apiKey' in read({}), false);
  });
});

describe('value cleaning (envconfig.Var)', () => {
  it('strips whitespace then surrounding quotes', () => {
    assert.equal(cleanEnvValue(' "1.2.3.4" '), '1.2.3.4');
    assert.equal(cleanEnvValue("'1.2.3.4'"), '1.2.3.4');
    assert.equal(cleanEnvValue('"\'x\'"'), 'x');
    assert.equal(cleanEnvValue('" x "'), ' x ');
    assert.equal(cleanEnvValue(undefined), '');
    assert.equal(read({ OLLAMA_MODELS: ' "/data/models" ' }).modelsDir, '/data/models');
  });
});

describe('HOST (§17.1)', () => {
  const table: Array<[string, string, number, string, string?]> = [
    // value, host, port, baseUrl, scheme
    ['', '127.0.0.1', 11434, 'http://127.0.0.1:11434'],
    ['1.2.3.4', '1.2.3.4', 11434, 'http://1.2.3.4:11434'],
    [':1234', '', 1234, 'http://127.0.0.1:1234'],
    ['0.0.0.0', '0.0.0.0', 11434, 'http://127.0.0.1:11434'],
    ['[::1]', '::1', 11434, 'http://[::1]:11434'],
    ['::1', '::1', 11434, 'http://[::1]:11434'],
    ['[::1]:8080', '::1', 8080, 'http://[::1]:8080'],
    ['::', '::', 11434, 'http://[::1]:11434'],
    ['[0:0::1]', '::1', 11434, 'http://[::1]:11434'],
    ['::ffff:1.2.3.4', '1.2.3.4', 11434, 'http://1.2.3.4:11434'],
    ['example.com:1234', 'example.com', 1234, 'http://example.com:1234'],
    ['example.com', 'example.com', 11434, 'http://example.com:11434'],
    ['http://1.2.3.4', '1.2.3.4', 80, 'http://1.2.3.4:80'],
    ['https://1.2.3.4', '1.2.3.4', 443, 'https://1.2.3.4:443', 'https'],
    ['http://1.2.3.4:5678', '1.2.3.4', 5678, 'http://1.2.3.4:5678'],
    ['https://example.com/ollama', 'example.com', 443, 'https://example.com:443/ollama', 'https'],
    ['ollama.com', 'ollama.com', 443, 'https://ollama.com:443', 'https'],
    ['tcp://1.2.3.4', '1.2.3.4', 11434, 'tcp://1.2.3.4:11434', 'tcp'],
    [':66000', '', 11434, 'http://127.0.0.1:11434'],
    [':-1', '', 11434, 'http://127.0.0.1:11434'],
    ['1.2.3.4:', '1.2.3.4', 11434, 'http://1.2.3.4:11434'],
    ['1.2.3.4:abc', '1.2.3.4', 11434, 'http://1.2.3.4:11434'],
    ['http://1.2.3.4:99999', '1.2.3.4', 80, 'http://1.2.3.4:80'],
    ['1.2.3.4:0', '1.2.3.4', 0, 'http://1.2.3.4:0'],
  ];
  for (const [value, host, port, baseUrl, scheme = 'http'] of table) {
    it(JSON.stringify(value), () => {
      const s = read(value === '' ? {} : { OLLAMA_HOST: value });
      assert.deepEqual({ host: s.host, port: s.port, baseUrl: s.baseUrl, scheme: s.scheme }, { host, port, baseUrl, scheme });
    });
  }

  it('strips whitespace and quotes around the value', () => {
    for (const value of [' 1.2.3.4 ', '"1.2.3.4"', "'1.2.3.4'", ' "1.2.3.4" ']) {
      assert.equal(read({ OLLAMA_HOST: value }).host, '1.2.3.4', value);
    }
  });

  it('warns about a bad port and names the variable', () => {
    const s = read({ PADDOCK_HOST: ':66000' });
    assert.equal(s.warnings.length, 1);
    assert.match(s.warnings[0]!, /^PADDOCK_HOST: invalid port "66000", using default 11434$/);
    assert.deepEqual(read({ OLLAMA_HOST: '1.2.3.4:80' }).warnings, []);
  });

  it('keeps the path for clients', () => {
    assert.equal(parseHostSetting('https://example.com/a/b').path, 'a/b');
  });

  it('splitHostPort follows net.SplitHostPort', () => {
    assert.deepEqual(splitHostPort('h:1'), { host: 'h', port: '1' });
    assert.deepEqual(splitHostPort('[::1]:1'), { host: '::1', port: '1' });
    assert.deepEqual(splitHostPort(':1'), { host: '', port: '1' });
    for (const bad of ['h', '::1', '[::1]', '[::1]x:1', 'a[b:1', 'a]b:1', '[::1]:1:2']) {
      assert.equal(splitHostPort(bad), undefined, bad);
    }
  });
});

describe('MODELS', () => {
  it('defaults under the home directory and takes the variable verbatim', () => {
    assert.equal(read({}).modelsDir, path.join(HOME, '.paddock', 'models'));
    assert.equal(read({ OLLAMA_MODELS: '/srv/ollama' }).modelsDir, '/srv/ollama');
    assert.equal(read({ PADDOCK_MODELS: 'relative/dir' }).modelsDir, 'relative/dir');
  });
});

describe('KEEP_ALIVE (§15.2) and LOAD_TIMEOUT', () => {
  const table: Array<[string, number]> = [
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['300ms', 300],
    ['0', 0],
    ['0s', 0],
    ['300', 300_000], // integer seconds are accepted here, unlike in requests
    ['-1', Infinity],
    ['-1m', Infinity],
    ['"10m"', 600_000],
  ];
  for (const [value, ms] of table) {
    it(`${value} → ${ms}`, () => assert.equal(read({ OLLAMA_KEEP_ALIVE: value }).keepAliveMs, ms));
  }

  it('unparseable values fall back to 5m with a warning', () => {
    for (const value of ['abc', '1.5', '5 m']) {
      const s = read({ OLLAMA_KEEP_ALIVE: value });
      assert.equal(s.keepAliveMs, 300_000, value);
      assert.equal(s.warnings.length, 1, value);
      assert.match(s.warnings[0]!, /OLLAMA_KEEP_ALIVE/);
    }
  });

  it('LOAD_TIMEOUT treats zero and negatives as never', () => {
    assert.equal(read({ OLLAMA_LOAD_TIMEOUT: '0' }).loadTimeoutMs, Infinity);
    assert.equal(read({ OLLAMA_LOAD_TIMEOUT: '-5s' }).loadTimeoutMs, Infinity);
    assert.equal(read({ OLLAMA_LOAD_TIMEOUT: '30' }).loadTimeoutMs, 30_000);
    assert.equal(read({ OLLAMA_LOAD_TIMEOUT: 'x' }).loadTimeoutMs, 300_000);
  });
});

describe('ORIGINS (§17.2)', () => {
  it('splits on commas and trims, keeping case', () => {
    assert.deepEqual(read({ OLLAMA_ORIGINS: 'http://a.test, https://B.test ,chrome-extension://*' }).origins, [
      'http://a.test',
      'https://B.test',
      'chrome-extension://*',
    ]);
  });

  it('drops empty and invalid entries with warnings instead of refusing to start', () => {
    const s = read({ PADDOCK_ORIGINS: 'http://ok.test,,ftp://x, *.a.*,*,HTTP://UPPER.test' });
    assert.deepEqual(s.origins, ['http://ok.test', '*']);
    assert.equal(s.warnings.length, 3);
    assert.match(s.warnings[2]!, /"HTTP:\/\/UPPER.test": bad origin/); // the scheme check is case-sensitive
    assert.match(s.warnings[0]!, /^PADDOCK_ORIGINS: ignoring origin "ftp:\/\/x": bad origin: origins must contain '\*' or include http:\/\/,https:\/\/,chrome-extension:\/\/,safari-extension:\/\/,moz-extension:\/\/,ms-browser-extension:\/\/$/);
    assert.match(s.warnings[1]!, /only one \* is allowed/);
  });

  it('allowedOrigins appends Ollama defaults in order', () => {
    const s = read({ OLLAMA_ORIGINS: 'http://a.test' });
    assert.deepEqual(allowedOrigins(s), ['http://a.test', ...DEFAULT_ORIGINS]);
    assert.deepEqual(allowedOrigins(read({})), [
      'http://localhost', 'https://localhost', 'http://localhost:*', 'https://localhost:*',
      'http://127.0.0.1', 'https://127.0.0.1', 'http://127.0.0.1:*', 'https://127.0.0.1:*',
      'http://0.0.0.0', 'https://0.0.0.0', 'http://0.0.0.0:*', 'https://0.0.0.0:*',
      'app://*', 'file://*', 'tauri://*', 'vscode-webview://*', 'vscode-file://*',
    ]);
  });

  it('originProblem', () => {
    assert.equal(originProblem('moz-extension://abc'), undefined);
    assert.equal(originProblem('*'), undefined);
    assert.equal(originProblem('https://*.example.com'), undefined);
    assert.ok(originProblem('example.com'));
    assert.ok(originProblem('http://*.a.*'));
  });
});

describe('integer settings (envconfig.Uint)', () => {
  it('NUM_PARALLEL', () => {
    assert.equal(read({ OLLAMA_NUM_PARALLEL: '4' }).numParallel, 4);
    assert.equal(read({ OLLAMA_NUM_PARALLEL: '0' }).numParallel, 1);
  });
  it('MAX_QUEUE', () => {
    assert.equal(read({ OLLAMA_MAX_QUEUE: '5' }).maxQueue, 5);
    assert.equal(read({ OLLAMA_MAX_QUEUE: '0' }).maxQueue, 0);
  });
  it('MAX_LOADED_MODELS: 0 means auto (3)', () => {
    assert.equal(read({ OLLAMA_MAX_LOADED_MODELS: '1' }).maxLoadedModels, 1);
    assert.equal(read({ OLLAMA_MAX_LOADED_MODELS: '0' }).maxLoadedModels, 3);
  });
  it('CONTEXT_LENGTH: 0 means auto (4096 on CPU)', () => {
    assert.deepEqual(
      (({ contextLength, contextLengthAuto }) => ({ contextLength, contextLengthAuto }))(read({ OLLAMA_CONTEXT_LENGTH: '8192' })),
      { contextLength: 8192, contextLengthAuto: false },
    );
    assert.equal(read({ OLLAMA_CONTEXT_LENGTH: '0' }).contextLength, 4096);
    assert.equal(read({ OLLAMA_CONTEXT_LENGTH: '0' }).contextLengthAuto, true);
  });

  const invalid = ['abc', '-1', '+1', '1.5', '1e3', '18446744073709551616', '0x10'];
  for (const value of invalid) {
    it(`invalid ${JSON.stringify(value)} falls back to each default with a warning`, () => {
      const s = read({
        OLLAMA_NUM_PARALLEL: value,
        OLLAMA_MAX_QUEUE: value,
        OLLAMA_MAX_LOADED_MODELS: value,
        PADDOCK_CONTEXT_LENGTH: value,
      });
      assert.equal(s.numParallel, 1);
      assert.equal(s.maxQueue, 512);
      assert.equal(s.maxLoadedModels, 3);
      assert.equal(s.contextLength, 4096);
      assert.equal(s.warnings.length, 4);
      assert.match(s.warnings.join('\n'), /OLLAMA_NUM_PARALLEL.*default 1/);
      assert.match(s.warnings.join('\n'), /OLLAMA_MAX_QUEUE.*default 512/);
      assert.match(s.warnings.join('\n'), /PADDOCK_CONTEXT_LENGTH/);
    });
  }
});

describe('booleans', () => {
  const noprune: Array<[string | undefined, boolean]> = [
    [undefined, false],
    ['', false],
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['t', true],
    ['0', false],
    ['false', false],
    ['F', false],
    ['yes', true], // any other non-empty value counts as true
    ['off', true],
  ];
  for (const [value, want] of noprune) {
    it(`NOPRUNE=${JSON.stringify(value)} → ${want}`, () => {
      assert.equal(read(value === undefined ? {} : { OLLAMA_NOPRUNE: value }).noPrune, want);
    });
  }

  const debug: Array<[string, boolean, string]> = [
    ['1', true, 'debug'],
    ['true', true, 'debug'],
    ['2', true, 'trace'],
    ['3', true, 'trace'],
    ['0', false, 'info'],
    ['false', false, 'info'],
    ['-1', false, 'info'],
    ['yes', false, 'info'], // LogLevel ignores what neither ParseBool nor ParseInt reads
  ];
  for (const [value, want, level] of debug) {
    it(`DEBUG=${value} → ${level}`, () => {
      const s = read({ OLLAMA_DEBUG: value });
      assert.equal(s.debug, want);
      assert.equal(s.logLevel, level);
    });
  }
});
