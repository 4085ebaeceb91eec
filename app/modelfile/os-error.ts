// Node reports file errors as `ENOENT: no such file or directory, stat '/x'`;
// Ollama users know Go's `stat /x: no such file or directory`.

const GO_TEXT: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "not a directory",
  EISDIR: "is a directory",
  ELOOP: "too many levels of symbolic links",
};

export function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : undefined;
}

/** An Error worded like Go's *PathError for `op` on `path`. */
export function goPathError(error: unknown, op: string, path: string): Error {
  const code = errorCode(error);
  const text = (code && GO_TEXT[code]) ?? (error instanceof Error ? error.message : String(error));
  return Object.assign(new Error(`${op} ${path}: ${text}`), { code });
}
