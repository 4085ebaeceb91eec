/** The one error type the HTTP edge understands: an Ollama-style message with its status code. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}
