/** Raised for parse and execution failures; messages follow Go's text/template wording. */
export class TemplateError extends Error {
  override name = "TemplateError";
}
