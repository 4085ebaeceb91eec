// The one error type every GGUF problem is reported with, so callers can tell
// "this file is bad" (show the user, refuse to load) apart from bugs and I/O failures.
export class GgufError extends Error {
  override readonly name = "GgufError";
  /** File the problem was found in, when there was one. */
  readonly path: string | undefined;
  /** Byte offset in the file where the problem was noticed, when known. */
  readonly offset: number | undefined;

  constructor(message: string, details: { path?: string; offset?: number; cause?: unknown } = {}) {
    const where = details.path === undefined ? "" : `${details.path}: `;
    const at = details.offset === undefined ? "" : ` (at byte ${details.offset})`;
    super(`${where}${message}${at}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.path = details.path;
    this.offset = details.offset;
  }
}
