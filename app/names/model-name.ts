// Ollama's model-name grammar (types/model/name.go, internal/modelref; spec §0.5, §11).
// Names are [scheme://][host/][namespace/]model[:tag], parsed right to left.

import { goQuote } from '../options/go-compat/quote.js';
import { goTrimSpace } from '../options/go-compat/trim-space.js';

export interface ModelName {
  host: string;
  namespace: string;
  model: string;
  tag: string;
  scheme?: string;
}

/**
 * Stands in for a part that a separator promised but that is empty (`m:`,
 * `/m`, `ns//m`). It can never pass validation, so such names are invalid.
 */
export const MISSING_PART = '!MISSING!';

export const DEFAULT_HOST = 'registry.ollama.ai';
export const DEFAULT_NAMESPACE = 'library';
export const DEFAULT_TAG = 'latest';
export const DEFAULT_SCHEME = 'https';

type PartKind = 'host' | 'namespace' | 'model' | 'tag';

const MAX_PART_LENGTH: Record<PartKind, number> = { host: 350, namespace: 80, model: 80, tag: 80 };

function cutLast(s: string, sep: string): [before: string, after: string] | undefined {
  const i = s.lastIndexOf(sep);
  return i < 0 ? undefined : [s.slice(0, i), s.slice(i + sep.length)];
}

/** Cuts at the last `sep`; an empty side becomes MISSING_PART. */
function cutPromised(s: string, sep: string): [before: string, after: string] | undefined {
  const cut = cutLast(s, sep);
  if (!cut) return undefined;
  return [cut[0] || MISSING_PART, cut[1] || MISSING_PART];
}

/**
 * ParseNameBare: splits without filling defaults, so absent parts are ''
 * (and `scheme` is undefined). The result is not validated.
 */
export function parseModelNameBare(input: string): ModelName {
  const name: ModelName = { host: '', namespace: '', model: '', tag: '' };
  let rest = input;

  // '/' can never be in a tag, so a ':' after the last '/' starts the tag,
  // and a ':' inside the host (host:5000/ns/m) is left alone.
  if (rest.lastIndexOf(':') > rest.lastIndexOf('/')) {
    const cut = cutPromised(rest, ':');
    if (cut) [rest, name.tag] = cut;
  }

  const modelCut = cutPromised(rest, '/');
  if (!modelCut) {
    name.model = rest;
    return name;
  }
  [rest, name.model] = modelCut;

  const namespaceCut = cutPromised(rest, '/');
  if (!namespaceCut) {
    name.namespace = rest;
    return name;
  }
  [rest, name.namespace] = namespaceCut;

  const schemeAt = rest.indexOf('://');
  if (schemeAt >= 0) {
    name.scheme = rest.slice(0, schemeAt);
    name.host = rest.slice(schemeAt + 3);
  } else {
    name.host = rest;
  }
  return name;
}

/** Fills empty host, namespace, tag and scheme from Ollama's defaults (Merge with DefaultName). */
export function withDefaults(name: ModelName): ModelName {
  return {
    host: name.host || DEFAULT_HOST,
    namespace: name.namespace || DEFAULT_NAMESPACE,
    model: name.model,
    tag: name.tag || DEFAULT_TAG,
    scheme: name.scheme || DEFAULT_SCHEME,
  };
}

const isWordChar = (c: string): boolean =>
  (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '_';

/**
 * Ollama's isValidPart. Every valid part is ASCII, starts with [A-Za-z0-9_]
 * and so can never be '.' or '..'.
 */
export function isValidPart(kind: PartKind, part: string): boolean {
  if (part.length < 1 || part.length > MAX_PART_LENGTH[kind]) return false;
  if (!isWordChar(part[0] as string)) return false;
  for (let i = 1; i < part.length; i++) {
    const c = part[i] as string;
    if (isWordChar(c) || c === '-') continue;
    if (c === '.' && kind !== 'namespace') continue;
    if (c === ':' && kind === 'host') continue;
    return false;
  }
  return true;
}

/** IsFullyQualified: all four parts present and valid. */
export function isFullyQualified(name: ModelName): boolean {
  return (
    isValidPart('host', name.host) &&
    isValidPart('namespace', name.namespace) &&
    isValidPart('model', name.model) &&
    isValidPart('tag', name.tag)
  );
}

/** ParseName + IsValid: the name with defaults filled, or undefined when invalid. No trimming. */
export function parseModelName(input: string): ModelName | undefined {
  if (typeof input !== 'string') return undefined;
  const name = withDefaults(parseModelNameBare(input));
  return isFullyQualified(name) ? name : undefined;
}

/** Whether `input` names a model once defaults are filled (`llama3` is valid). */
export function isValidModelName(input: string): boolean {
  return parseModelName(input) !== undefined;
}

/** Whether `input` carries its own tag; a ':' inside the host does not count. */
export function hasExplicitTag(input: string): boolean {
  return input.lastIndexOf(':') > input.lastIndexOf('/');
}

/** `host/namespace/model:tag` (Name.String). */
export function canonicalName(n: ModelName): string {
  return `${n.host}/${n.namespace}/${n.model}:${n.tag}`;
}

/** Display form (DisplayShortest, §11.4): drops the default host, then the default namespace; always keeps `:tag`. */
export function shortName(n: ModelName): string {
  const model = `${n.model}:${n.tag}`;
  if (n.host.toLowerCase() !== DEFAULT_HOST) return `${n.host}/${n.namespace}/${model}`;
  if (n.namespace.toLowerCase() !== DEFAULT_NAMESPACE) return `${n.namespace}/${model}`;
  return model;
}

/** `namespace/model`, the repository path on a registry. */
export function namespaceModel(n: ModelName): string {
  return `${n.namespace}/${n.model}`;
}

/** `<scheme>://<host>`, the registry base URL. */
export function registryBaseUrl(n: ModelName): string {
  return `${n.scheme || DEFAULT_SCHEME}://${n.host}`;
}

/** Case-insensitive comparison of host, namespace, model and tag (Name.EqualFold). */
export function sameName(a: ModelName, b: ModelName): boolean {
  return (
    a.host.toLowerCase() === b.host.toLowerCase() &&
    a.namespace.toLowerCase() === b.namespace.toLowerCase() &&
    a.model.toLowerCase() === b.model.toLowerCase() &&
    a.tag.toLowerCase() === b.tag.toLowerCase()
  );
}

// A path segment that could leave the store or name something other than a
// plain directory entry. Validation already excludes all of these; this is
// the second lock on the door, as Ollama's Filepath panics on invalid names.
function isUnsafeSegment(part: string): boolean {
  return part === '' || /^\.+$/.test(part) || /[/\\\0]/.test(part);
}

/**
 * The four directory names of the manifest path (host, namespace, model,
 * tag), to be joined under `<models>/manifests`. Throws on a name that is not
 * fully valid or whose parts could escape the store.
 */
export function manifestPathParts(n: ModelName): [string, string, string, string] {
  const parts: [string, string, string, string] = [n.host, n.namespace, n.model, n.tag];
  if (!isFullyQualified(n) || parts.some(isUnsafeSegment)) {
    throw new Error(`illegal attempt to get filepath of invalid name: ${JSON.stringify(parts)}`);
  }
  return parts;
}

/**
 * ParseNameFromFilepath: the name for a manifest found on disk from its four
 * directory names (host, namespace, model, tag); undefined unless valid.
 */
export function nameFromManifestPathParts(parts: readonly string[]): ModelName | undefined {
  if (parts.length !== 4) return undefined;
  const [host, namespace, model, tag] = parts as [string, string, string, string];
  const name: ModelName = { host, namespace, model, tag, scheme: DEFAULT_SCHEME };
  return isFullyQualified(name) ? name : undefined;
}

// ---- Model references (§0.5): what endpoints do before parsing the name. ----

export type ModelSource = 'unspecified' | 'local' | 'cloud';

export interface ModelReference {
  name: ModelName;
  /** Where the caller asked the model to come from; 'cloud' is for the caller to refuse. */
  source: ModelSource;
  /** Shorthand for source === 'cloud' (`:cloud` or a `-cloud` tag). */
  cloud: boolean;
  /** The string that was parsed as the name: trimmed, source suffix removed (pull: legacy cloud form). */
  base: string;
  /** The trimmed input. */
  original: string;
}

export interface ModelReferenceError {
  error: string;
  status: 400;
  /**
   * Why it failed, for endpoints that word it their own way (§0.7): e.g.
   * generate answers an empty model with 404 `model '' not found`.
   */
  reason: 'model_required' | 'conflicting_source' | 'invalid_name';
}

export const INVALID_MODEL_NAME = 'invalid model name';

function parseSourceSuffix(raw: string): { base: string; source: ModelSource } | undefined {
  const i = raw.lastIndexOf(':');
  if (i < 0) return undefined;
  const suffixRaw = goTrimSpace(raw.slice(i + 1));
  const suffix = suffixRaw.toLowerCase();
  if (suffix === 'cloud') return { base: raw.slice(0, i), source: 'cloud' };
  if (suffix === 'local') return { base: raw.slice(0, i), source: 'local' };
  // The legacy form puts -cloud on the tag: gpt-oss:20b-cloud.
  if (!suffixRaw.includes('/') && suffix.endsWith('-cloud')) {
    return { base: raw.slice(0, i + 1) + suffixRaw.slice(0, -'-cloud'.length), source: 'cloud' };
  }
  return undefined;
}

/** Pull keeps cloud stubs under their legacy names: x:cloud → x:cloud, x:8b:cloud → x:8b-cloud. */
function legacyCloudPullName(base: string): string {
  return hasExplicitTag(base) ? `${base}-cloud` : `${base}:cloud`;
}

/**
 * Model-reference pre-processing (modelref.ParseRef + ParseName): trims,
 * strips `:local`, reports `:cloud` / `-cloud` as source 'cloud', rejects
 * both suffixes together, then parses the name with defaults. With
 * `{ pull: true }` (pull and delete) a cloud reference is renamed to its
 * legacy stub name instead of having the suffix stripped.
 */
export function parseModelReference(
  input: string,
  options: { pull?: boolean } = {},
): ModelReference | ModelReferenceError {
  const original = goTrimSpace(typeof input === 'string' ? input : '');
  if (original === '') return { error: 'model is required', status: 400, reason: 'model_required' };

  const suffix = parseSourceSuffix(original);
  if (suffix && parseSourceSuffix(suffix.base)) {
    return {
      error: `use either :local or :cloud, not both: ${goQuote(original)}`,
      status: 400,
      reason: 'conflicting_source',
    };
  }

  const source = suffix?.source ?? 'unspecified';
  let base = suffix?.base ?? original;
  if (options.pull && source === 'cloud') base = legacyCloudPullName(base);

  const name = parseModelName(base);
  if (!name) return { error: INVALID_MODEL_NAME, status: 400, reason: 'invalid_name' };
  return { name, source, cloud: source === 'cloud', base, original };
}

export function isModelReferenceError(
  value: ModelReference | ModelReferenceError,
): value is ModelReferenceError {
  return 'error' in value;
}
