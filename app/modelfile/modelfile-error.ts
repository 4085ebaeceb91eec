/**
 * A Modelfile that cannot be read or turned into a create request. `line` is
 * 1-based; the message carries it as Ollama's parser does: `(line 3): ...`.
 */
export class ModelfileError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line !== undefined ? `(line ${line}): ${reason}` : reason);
    this.name = "ModelfileError";
  }
}

/** Ollama's wording for each lexical error (parser.go). */
export const MODELFILE_ERRORS = {
  missingFrom: "no FROM line",
  unexpectedEof: "unexpected EOF",
  invalidCommand:
    'command must be one of "from", "license", "template", "system", "adapter", "draft", "renderer", "parser", "parameter", "message", or "requires"',
  invalidMessageRole: 'message role must be one of "system", "user", or "assistant"',
  invalidRequires: "requires must be a valid semver (e.g. 0.14.0)",
} as const;
