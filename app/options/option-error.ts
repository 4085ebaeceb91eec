/**
 * An error whose message is Ollama's exact wording and whose status is the HTTP
 * status Ollama answers with. The server maps it to `{"error": message}`.
 */
export class OptionError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'OptionError';
    this.status = status;
  }
}

export function isOptionError(value: unknown): value is OptionError {
  return value instanceof OptionError;
}
