// Errors of registry transfers, worded as Ollama words them since clients show the text as is (§8.5).

/** A registry 404; Go's os.ErrNotExist reads "file does not exist". */
export class RegistryNotFoundError extends Error {
  constructor() {
    super("file does not exist");
  }
}

/** Every client stopped waiting, or the engine is stopping: the download pauses and its partial files stay. */
export class TransferCancelledError extends Error {
  constructor(message = "context canceled") {
    super(message);
  }
}

/** No byte arrived for the stall timeout; the part restarts without spending one of its tries. */
export class PartStalledError extends Error {
  constructor() {
    super("part stalled");
  }
}

export class BlobDigestMismatchError extends Error {
  constructor(readonly want: string, readonly got: string) {
    super(`digest mismatch, file must be downloaded again: want ${want}, got ${got}`);
  }
}

export class MaxRetriesError extends Error {
  constructor(cause: unknown) {
    super(`max retries exceeded: ${errorText(cause)}`);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isCancellation(error: unknown): boolean {
  return error instanceof TransferCancelledError || (error instanceof Error && error.name === "AbortError");
}

/** A full disk is not worth retrying: the partial files stay for a later resume. */
export function isDiskFull(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOSPC";
}
