/** Digests travel as "sha256:<64 hex>"; on disk the colon becomes a dash (Ollama's layout). */
export const DIGEST_PATTERN = /^sha256[:-][0-9a-fA-F]{64}$/;
const CANONICAL_DIGEST = /^sha256:[0-9a-f]{64}$/;

export function isDigest(value: string): boolean {
  return DIGEST_PATTERN.test(value);
}

export function isCanonicalDigest(value: string): boolean {
  return CANONICAL_DIGEST.test(value);
}

/** The blob file name for a digest; only ever built from a checked digest, so it cannot escape blobs/. */
export function blobFileName(digest: string): string {
  if (!isDigest(digest)) throw new Error(`invalid digest format`);
  return `sha256-${digest.slice(7).toLowerCase()}`;
}

export function digestFromHex(hex: string): string {
  return `sha256:${hex}`;
}
