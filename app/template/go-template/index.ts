// Go text/template for Ollama model templates: parse once, execute with data
// built from plain JavaScript values plus the Go-typed wrappers in values.ts.

import type { ListNode } from "./ast.js";
import { executeTemplate } from "./executor.js";
import { BUILTIN_FUNCTIONS, type TemplateFunction } from "./functions.js";
import { OLLAMA_FUNCTIONS } from "./ollama-functions.js";
import { cutAfterResponse, inferThinkingTags, templateIdentifiers, withTrailingResponse } from "./ollama-tree.js";
import { parseTrees, type TreeSet } from "./parser.js";
import { toolCallTagOf } from "./tool-call-tag.js";

export { TemplateError } from "./errors.js";
export { GoNamed, GoStruct, goInt, goMap, goSlice, goStruct, type GoType } from "./values.js";
export { marshalJson } from "./json.js";
export { TOOL_PROPERTY_TYPE } from "./ollama-functions.js";

export interface GoTemplate {
  readonly source: string;
  execute(data: unknown): string;
  /**
   * True when the template refers to this field of the data, e.g. "Messages",
   * "Tools", "Suffix", "Response", "Think". Matching is case-insensitive and, as
   * in Ollama's Template.Vars(), counts every name in a field chain or variable
   * path (so ".Function.Name" also counts as using "Name").
   */
  usesField(name: string): boolean;
}

const FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map([...BUILTIN_FUNCTIONS, ...OLLAMA_FUNCTIONS]);
const FUNCTION_NAMES: ReadonlySet<string> = new Set(FUNCTIONS.keys());

class ParsedTemplate implements GoTemplate {
  private identifiers: Set<string> | null = null;

  constructor(
    readonly source: string,
    readonly trees: TreeSet,
    /** Replacement for the main tree, for the rewritten copies Ollama executes. */
    readonly root: ListNode = trees.get("")!,
  ) {}

  execute(data: unknown): string {
    return executeTemplate({ source: this.source, trees: this.trees, functions: FUNCTIONS, root: this.root }, data);
  }

  usesField(name: string): boolean {
    this.identifiers ??= templateIdentifiers(new Map([...this.trees, ["", this.root]]));
    return this.identifiers.has(name.toLowerCase());
  }
}

/** Parses Go template text; throws TemplateError with Go's message on invalid syntax. */
export function parseTemplate(text: string): GoTemplate {
  return new ParsedTemplate(text, parseTrees(text, FUNCTION_NAMES));
}

function parsed(template: GoTemplate): ParsedTemplate {
  if (!(template instanceof ParsedTemplate)) throw new TypeError("expected a template from parseTemplate");
  return template;
}

/** The template with {{ .Response }} appended to its main body, as Ollama's Parse does for legacy templates. */
export function withResponseAppended(template: GoTemplate): GoTemplate {
  const t = parsed(template);
  return new ParsedTemplate(t.source, t.trees, withTrailingResponse(t.root, t.source.length));
}

/** The template cut off after its first {{ .Response }}, for rendering the turn the model continues. */
export function cutAfterResponseField(template: GoTemplate): GoTemplate {
  const t = parsed(template);
  return new ParsedTemplate(t.source, t.trees, cutAfterResponse(t.root));
}

/** The tags around `.Thinking` inside `range .Messages`, as Ollama infers them ("" when none). */
export function thinkingTags(template: GoTemplate): { opening: string; closing: string } {
  return inferThinkingTags(parsed(template).root);
}

/** The text that starts a tool call in the model's output ("<tool_call>", "[TOOL_CALLS]", or "{"). */
export function toolCallTag(template: GoTemplate): string {
  return toolCallTagOf(parsed(template).root);
}
