import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MISSING_PART,
  canonicalName,
  hasExplicitTag,
  isFullyQualified,
  isModelReferenceError,
  isValidModelName,
  isValidPart,
  manifestPathParts,
  nameFromManifestPathParts,
  namespaceModel,
  parseModelName,
  parseModelNameBare,
  parseModelReference,
  registryBaseUrl,
  sameName,
  shortName,
  type ModelName,
} from './model-name.js';

const part80 = '8'.repeat(80);
const part350 = '3'.repeat(350);

describe('parseModelNameBare (Ollama TestParseNameParts)', () => {
  const cases: Array<[string, Partial<ModelName>]> = [
    [
      'registry.ollama.ai/library/dolphin-mistral:7b-v2.6-dpo-laser-q6_K',
      { host: 'registry.ollama.ai', namespace: 'library', model: 'dolphin-mistral', tag: '7b-v2.6-dpo-laser-q6_K' },
    ],
    ['scheme://host:port/namespace/model:tag', { host: 'host:port', namespace: 'namespace', model: 'model', tag: 'tag', scheme: 'scheme' }],
    ['host/namespace/model:tag', { host: 'host', namespace: 'namespace', model: 'model', tag: 'tag' }],
    ['host:port/namespace/model:tag', { host: 'host:port', namespace: 'namespace', model: 'model', tag: 'tag' }],
    ['host/namespace/model', { host: 'host', namespace: 'namespace', model: 'model', tag: '' }],
    ['host:port/namespace/model', { host: 'host:port', namespace: 'namespace', model: 'model', tag: '' }],
    ['namespace/model', { host: '', namespace: 'namespace', model: 'model', tag: '' }],
    ['model', { host: '', namespace: '', model: 'model', tag: '' }],
    ['h/nn/mm:t', { host: 'h', namespace: 'nn', model: 'mm', tag: 't' }],
    [`${part80}/${part80}/${part80}:${part80}`, { host: part80, namespace: part80, model: part80, tag: part80 }],
    [`${part350}/${part80}/${part80}:${part80}`, { host: part350, namespace: part80, model: part80, tag: part80 }],
    // Empty sides of a separator become the sentinel.
    ['m:', { model: 'm', tag: MISSING_PART }],
    ['/m', { namespace: MISSING_PART, model: 'm' }],
    ['ns//m', { host: 'ns', namespace: MISSING_PART, model: 'm' }],
    ['//', { host: MISSING_PART, namespace: MISSING_PART, model: MISSING_PART }],
    ['a:b:c', { model: 'a:b', tag: 'c' }],
    ['a/b/c/d', { host: 'a/b', namespace: 'c', model: 'd' }],
  ];
  for (const [input, want] of cases) {
    it(JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input), () => {
      const got = parseModelNameBare(input);
      for (const [key, value] of Object.entries(want)) {
        assert.equal(got[key as keyof ModelName], value, key);
      }
    });
  }
});

describe('validity, bare (Ollama TestNameIsValid table)', () => {
  const table: Array<[string, boolean]> = [
    ['', false],
    ['_why/_the/_lucky:_stiff', true],
    ['h/n/m:t', true],
    ['host/namespace/model:tag', true],
    ['host/namespace/model', false],
    ['namespace/model', false],
    ['model', false],
    [`${part80}/${part80}/${part80}:${part80}`, true],
    [`${part350}/${part80}/${part80}:${part80}`, true],
    ['h/nn/mm:t', true],
    ['m', false],
    ['n/m:', false],
    ['h/n/m', false],
    ['@t', false],
    ['m@d', false],
    ['^', false],
    ['mm:', false],
    ['/nn/mm', false],
    ['//', false],
    ['//mm', false],
    ['hh//', false],
    ['//mm:@', false],
    ['00@', false],
    ['@', false],
    ['-hh/nn/mm:tt', false],
    ['hh/-nn/mm:tt', false],
    ['hh/nn/-mm:tt', false],
    ['hh/nn/mm:-tt', false],
    ['host:https/namespace/model:tag', true],
    ['host/name:space/model:tag', false],
  ];
  for (const [input, valid] of table) {
    it(`${JSON.stringify(input.slice(0, 40))} → ${valid}`, () => {
      const bare = parseModelNameBare(input);
      assert.equal(isFullyQualified(bare), valid);
      if (valid) assert.equal(canonicalName(bare), input); // round trip, as Ollama's test does
    });
  }
});

describe('parseModelName / isValidModelName (with defaults, spec §11.2–11.3)', () => {
  const valid: Array<[string, string]> = [
    ['llama3.2', 'registry.ollama.ai/library/llama3.2:latest'],
    ['user/m', 'registry.ollama.ai/user/m:latest'],
    ['localhost:5000/ns/m:t', 'localhost:5000/ns/m:t'],
    ['h/n/m:t', 'h/n/m:t'],
    ['_why/_the/_lucky:_stiff', '_why/_the/_lucky:_stiff'],
    ['host:https/namespace/model:tag', 'host:https/namespace/model:tag'],
    ['http://host/ns/m:t', 'host/ns/m:t'],
    ['xx', 'registry.ollama.ai/library/xx:latest'],
    ['LLAMA3.2', 'registry.ollama.ai/library/LLAMA3.2:latest'], // case kept
    ['m:7b-v2.6-q6_K', 'registry.ollama.ai/library/m:7b-v2.6-q6_K'],
    ['a'.repeat(80), `registry.ollama.ai/library/${'a'.repeat(80)}:latest`],
    [`${part350}/ns/m:t`, `${part350}/ns/m:t`],
    ['m.', 'registry.ollama.ai/library/m.:latest'],
    ['m..x:t..', 'registry.ollama.ai/library/m..x:t..'],
  ];
  for (const [input, canonical] of valid) {
    it(`valid ${JSON.stringify(input.slice(0, 40))}`, () => {
      const name = parseModelName(input);
      assert.ok(name, 'should parse');
      assert.equal(canonicalName(name), canonical);
      assert.equal(isValidModelName(input), true);
    });
  }

  it('fills scheme https by default and keeps a given scheme', () => {
    assert.equal(parseModelName('m')?.scheme, 'https');
    assert.equal(parseModelName('http://h:1/ns/m')?.scheme, 'http');
  });

  const invalid = [
    '',
    '^',
    'mm:',
    '/nn/mm',
    '//',
    'hh//',
    '-hh/nn/mm:tt',
    'hh/nn/mm:-tt',
    'host/name:space/model:tag',
    'a/b/c/d',
    'm@d',
    'my model',
    'a:b:c',
    'a'.repeat(81),
    `m:${'t'.repeat(81)}`,
    `${'n'.repeat(81)}/m`,
    `${'h'.repeat(351)}/n/m`,
    'ns.x/m', // '.' not allowed in the namespace
    'n:s/m', // ':' not allowed in the namespace
    ' m', // no trimming in the bare parser
    'm ',
    'm:t:u',
  ];
  for (const input of invalid) {
    it(`invalid ${JSON.stringify(input.slice(0, 40))}`, () => {
      assert.equal(parseModelName(input), undefined);
      assert.equal(isValidModelName(input), false);
    });
  }

  it('rejects non-string input', () => {
    assert.equal(parseModelName(42 as unknown as string), undefined);
  });
});

function assertSafe(name: ModelName): void {
  for (const part of [name.host, name.namespace, name.model, name.tag]) {
    assert.ok(!/^\.+$/.test(part) && !/[\\/\0]/.test(part), `unsafe part ${JSON.stringify(part)}`);
  }
  assert.doesNotThrow(() => manifestPathParts(name));
}

describe('path safety: nothing valid may escape the store', () => {
  const attacks = [
    '..',
    '.',
    '...',
    '../x',
    '../../x',
    'x/..',
    'a/../../b',
    '../../../etc/passwd',
    '/etc/passwd',
    '..:..',
    'm:..',
    'm:.',
    'h/../m',
    '../ns/m:t',
    'h/ns/..:t',
    'h/ns/m:..',
    '..h/ns/m:t',
    'C:\\x',
    'C:\\Windows\\system32',
    '..\\..\\x',
    'm\\..',
    'a\\b',
    '%2e%2e/x',
    '%2e%2e',
    'm%2f..',
    'm\0',
    'm\0/../x',
    '\0',
    'm:t\0',
    'ｍodel', // fullwidth m
    'modеl', // Cyrillic е
    'model\u200b', // zero-width space
    'ma\u0301', // combining accent
    'm\u2024\u2024', // one-dot leaders
    'm\uff0e\uff0e', // fullwidth full stops
    '\u2215etc\u2215passwd', // division slash
    'm:\u00b7',
    'a'.repeat(81),
    `h/${'n'.repeat(10_000)}/m:t`,
    'x'.repeat(100_000),
    'http://../ns/m',
    '~/m',
    '$HOME/m',
    'm;rm -rf',
    'm\nx',
    'm\t',
  ];
  for (const input of attacks) {
    it(`${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)} is invalid`, () => {
      assert.equal(parseModelName(input), undefined);
      const ref = parseModelReference(input);
      // References are trimmed first ('m\t' is fine), but nothing may come out unsafe.
      if (!isModelReferenceError(ref)) assertSafe(ref.name);
    });
  }

  it('an empty host after a scheme falls back to the default registry, as in Ollama (harmless)', () => {
    assert.equal(canonicalName(parseModelName('file:///etc/passwd')!), 'registry.ollama.ai/etc/passwd:latest');
    assert.equal(canonicalName(parseModelName('http:///ns/m')!), 'registry.ollama.ai/ns/m:latest');
  });

  it('dot-only parts are never valid for any part kind', () => {
    for (const kind of ['host', 'namespace', 'model', 'tag'] as const) {
      for (const dots of ['.', '..', '...']) assert.equal(isValidPart(kind, dots), false, `${kind} ${dots}`);
    }
  });

  it('manifestPathParts refuses hand-built unsafe names even if a caller bypasses parsing', () => {
    const bad: ModelName[] = [
      { host: '..', namespace: 'library', model: 'm', tag: 'latest' },
      { host: 'registry.ollama.ai', namespace: '..', model: 'm', tag: 'latest' },
      { host: 'registry.ollama.ai', namespace: 'library', model: '..', tag: 'latest' },
      { host: 'registry.ollama.ai', namespace: 'library', model: 'm', tag: '.' },
      { host: 'registry.ollama.ai', namespace: 'library', model: 'a/b', tag: 'latest' },
      { host: 'registry.ollama.ai', namespace: 'library', model: 'a\\b', tag: 'latest' },
      { host: 'registry.ollama.ai', namespace: 'library', model: 'm\0', tag: 'latest' },
      { host: '', namespace: 'library', model: 'm', tag: 'latest' },
    ];
    for (const name of bad) assert.throws(() => manifestPathParts(name), /invalid name/);
  });

  it('manifestPathParts returns host, namespace, model, tag for valid names', () => {
    assert.deepEqual(manifestPathParts(parseModelName('llama3.2')!), ['registry.ollama.ai', 'library', 'llama3.2', 'latest']);
    assert.deepEqual(manifestPathParts(parseModelName('localhost:5000/ns/m:t')!), ['localhost:5000', 'ns', 'm', 't']);
  });

  it('a brute-force sweep of short strings over the risky alphabet never yields a dot-only part', () => {
    const alphabet = ['.', '/', ':', 'a', '\\', '_', '-'];
    const walk = (prefix: string, depth: number): void => {
      const name = parseModelName(prefix);
      if (name) assertSafe(name);
      if (depth === 0) return;
      for (const c of alphabet) walk(prefix + c, depth - 1);
    };
    walk('', 6);
  });
});

describe('nameFromManifestPathParts (Ollama TestParseNameFromFilepath)', () => {
  it('accepts four valid parts', () => {
    assert.deepEqual(nameFromManifestPathParts(['host', 'namespace', 'model', 'tag']), {
      host: 'host',
      namespace: 'namespace',
      model: 'model',
      tag: 'tag',
      scheme: 'https',
    });
    assert.equal(nameFromManifestPathParts(['host:port', 'namespace', 'model', 'tag'])?.host, 'host:port');
  });
  const rejected = [
    ['namespace', 'model', 'tag'],
    ['model', 'tag'],
    ['model'],
    ['..', '..', 'model', 'tag'],
    ['', 'namespace', '.', 'tag'],
    ['.', '.', '.', '.'],
    ['', 'path', 'to', 'random', 'file'],
  ];
  for (const parts of rejected) {
    it(`rejects ${JSON.stringify(parts)}`, () => assert.equal(nameFromManifestPathParts(parts), undefined));
  }
});

describe('renderings (§11.4, Ollama TestDisplayShortest)', () => {
  const cases: Array<[string, string]> = [
    ['registry.ollama.ai/library/model:latest', 'model:latest'],
    ['registry.ollama.ai/library/model:tag', 'model:tag'],
    ['registry.ollama.ai/namespace/model:tag', 'namespace/model:tag'],
    ['host/namespace/model:tag', 'host/namespace/model:tag'],
    ['host/library/model:tag', 'host/library/model:tag'],
    ['REGISTRY.OLLAMA.AI/LIBRARY/Model:Tag', 'Model:Tag'],
    ['llama3.2', 'llama3.2:latest'],
    ['user/m', 'user/m:latest'],
  ];
  for (const [input, short] of cases) {
    it(`${input} → ${short}`, () => assert.equal(shortName(parseModelName(input)!), short));
  }

  it('canonical, namespace/model and registry URL', () => {
    const n = parseModelName('http://localhost:5000/ns/m:t')!;
    assert.equal(canonicalName(n), 'localhost:5000/ns/m:t');
    assert.equal(namespaceModel(n), 'ns/m');
    assert.equal(registryBaseUrl(n), 'http://localhost:5000');
    assert.equal(registryBaseUrl(parseModelName('m')!), 'https://registry.ollama.ai');
  });

  it('hasExplicitTag ignores a port in the host', () => {
    assert.equal(hasExplicitTag('some-model'), false);
    assert.equal(hasExplicitTag('some-model:9b'), true);
    assert.equal(hasExplicitTag('user/some-model'), false);
    assert.equal(hasExplicitTag('registry.example.com:5000/some-model'), false);
    assert.equal(hasExplicitTag('registry.example.com:5000/some-model:9b'), true);
  });
});

describe('sameName', () => {
  it('compares every part case-insensitively', () => {
    assert.equal(sameName(parseModelName('LLAMA3.2')!, parseModelName('llama3.2:latest')!), true);
    assert.equal(sameName(parseModelName('Registry.Ollama.AI/Library/M:T')!, parseModelName('m:t')!), true);
    assert.equal(sameName(parseModelName('m:t')!, parseModelName('m:u')!), false);
    assert.equal(sameName(parseModelName('a/m')!, parseModelName('b/m')!), false);
    assert.equal(sameName(parseModelName('h1/n/m')!, parseModelName('h2/n/m')!), false);
  });
});

describe('parseModelReference (§0.5, internal/modelref)', () => {
  const ok: Array<[string, string, 'unspecified' | 'local' | 'cloud', string]> = [
    // input, canonical name, source, base
    ['llama3.2', 'registry.ollama.ai/library/llama3.2:latest', 'unspecified', 'llama3.2'],
    ['  llama3.2 \n', 'registry.ollama.ai/library/llama3.2:latest', 'unspecified', 'llama3.2'],
    ['\u00a0m\u0085', 'registry.ollama.ai/library/m:latest', 'unspecified', 'm'],
    ['qwen3:8b:local', 'registry.ollama.ai/library/qwen3:8b', 'local', 'qwen3:8b'],
    ['m:local', 'registry.ollama.ai/library/m:latest', 'local', 'm'],
    ['m:LOCAL', 'registry.ollama.ai/library/m:latest', 'local', 'm'],
    ['gpt-oss:20b:cloud', 'registry.ollama.ai/library/gpt-oss:20b', 'cloud', 'gpt-oss:20b'],
    ['gpt-oss:20b-cloud', 'registry.ollama.ai/library/gpt-oss:20b', 'cloud', 'gpt-oss:20b'],
    ['gpt-oss:20b:CLOUD', 'registry.ollama.ai/library/gpt-oss:20b', 'cloud', 'gpt-oss:20b'],
    ['qwen3:cloud', 'registry.ollama.ai/library/qwen3:latest', 'cloud', 'qwen3'],
    ['my-cloud-model', 'registry.ollama.ai/library/my-cloud-model:latest', 'unspecified', 'my-cloud-model'],
    ['gpt-oss:clod', 'registry.ollama.ai/library/gpt-oss:clod', 'unspecified', 'gpt-oss:clod'],
    ['localhost:11434/library/foo:local', 'localhost:11434/library/foo:latest', 'local', 'localhost:11434/library/foo'],
  ];
  for (const [input, canonical, source, base] of ok) {
    it(`${JSON.stringify(input)} → ${source}`, () => {
      const ref = parseModelReference(input);
      assert.ok(!isModelReferenceError(ref), JSON.stringify(ref));
      assert.equal(canonicalName(ref.name), canonical);
      assert.equal(ref.source, source);
      assert.equal(ref.cloud, source === 'cloud');
      assert.equal(ref.base, base);
      assert.equal(ref.original, input.trim().replace(/\u0085$/, ''));
    });
  }

  it('an empty or blank model is "model is required"', () => {
    for (const input of ['', '   ', '\t\n']) {
      assert.deepEqual(parseModelReference(input), { error: 'model is required', status: 400, reason: 'model_required' });
    }
  });

  it('both source suffixes give the exact 400 message, quoted like Go %q', () => {
    assert.deepEqual(parseModelReference('m:local:cloud'), {
      error: 'use either :local or :cloud, not both: "m:local:cloud"',
      status: 400,
      reason: 'conflicting_source',
    });
    assert.equal(
      (parseModelReference(' foo:cloud:local ') as { error: string }).error,
      'use either :local or :cloud, not both: "foo:cloud:local"',
    );
    assert.equal(
      (parseModelReference('a"b:20b-cloud:local') as { error: string }).error,
      'use either :local or :cloud, not both: "a\\"b:20b-cloud:local"',
    );
  });

  it('invalid names after suffix handling give "invalid model name"', () => {
    for (const input of ['::cloud', 'm:-cloud', ':local', 'a b', '../x', 'm@d', 'foo:bar-cloud/baz']) {
      assert.deepEqual(parseModelReference(input), { error: 'invalid model name', status: 400, reason: 'invalid_name' }, input);
    }
  });

  it('pull mode keeps cloud stubs under their legacy names', () => {
    const cases: Array<[string, string]> = [
      ['gpt-oss:20b:local', 'registry.ollama.ai/library/gpt-oss:20b'],
      ['gpt-oss:20b:cloud', 'registry.ollama.ai/library/gpt-oss:20b-cloud'],
      ['gpt-oss:20b-cloud', 'registry.ollama.ai/library/gpt-oss:20b-cloud'],
      ['qwen3:cloud', 'registry.ollama.ai/library/qwen3:cloud'],
      ['localhost:11434/library/foo:cloud', 'localhost:11434/library/foo:cloud'],
    ];
    for (const [input, canonical] of cases) {
      const ref = parseModelReference(input, { pull: true });
      assert.ok(!isModelReferenceError(ref), input);
      assert.equal(canonicalName(ref.name), canonical, input);
    }
    assert.equal((parseModelReference('foo:cloud:local', { pull: true }) as { reason: string }).reason, 'conflicting_source');
  });
});
