import type { Tool, ToolCall } from "../template/chat-prompt.js";

type ParsedCall = Required<Pick<ToolCall, "function">> & { id: string };

/** Ollama's tool call ids: "call_" and eight random characters from [a-z0-9]. */
export function toolCallId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  let id = "call_";
  for (let i = 0; i < 8; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where a JSON-ish scan is: inside a string, after a backslash, or in plain text. */
class JsonScanner {
  private inString = false;
  private escaped = false;

  /** Returns the character when it is structural (outside strings), else undefined. */
  step(char: string): string | undefined {
    if (this.escaped) {
      this.escaped = false;
      return undefined;
    }
    if (char === "\\") {
      this.escaped = true;
      return undefined;
    }
    if (char === '"') {
      this.inString = !this.inString;
      return undefined;
    }
    return this.inString ? undefined : char;
  }
}

/** The arguments inside a decoded object: {name, arguments|parameters}, {<tool name>: {...}}, or nested. */
function argumentsIn(object: Record<string, unknown>, toolName: string): Record<string, unknown> | undefined | null {
  const mapAt = (key: string): Record<string, unknown> | undefined => {
    const value = object[key];
    if (isObject(value)) return value;
    if (typeof value === "string") {
      try {
        const parsed: unknown = JSON.parse(value);
        if (isObject(parsed)) return parsed;
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
  if ("name" in object) return mapAt("arguments") ?? mapAt("parameters") ?? null;
  const named = mapAt(toolName);
  if (named) return named;
  for (const value of Object.values(object)) {
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (!isObject(child)) continue;
      const found = argumentsIn(child, toolName);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Finds tool calls in streamed model output the way Ollama's parser does: text before the model's
 * tool-call tag is content; after it, each tool name followed by a JSON object of arguments is a call.
 * With "{" or "[" as the tag, only output that starts with JSON is treated as tool calls.
 */
export class ToolCallParser {
  private buffer = "";
  private state: "looking" | "calling" | "done" = "looking";
  private count = 0;

  constructor(private readonly tag: string, private readonly tools: readonly Tool[]) {}

  add(text: string): { calls: ParsedCall[]; content: string } {
    if (this.state === "done") return { calls: [], content: text };
    this.buffer += text;
    let content = "";
    if (this.state === "looking") {
      const { index, found } = this.findTag();
      if (index === -1) {
        content = this.buffer;
        this.buffer = "";
      } else {
        content = this.buffer.slice(0, index);
        this.buffer = this.buffer.slice(index);
      }
      if ((this.tag === "{" || this.tag === "[") && content.trim() !== "") {
        this.state = "done";
        const all = content + this.buffer;
        this.buffer = "";
        return { calls: [], content: all };
      }
      if (!found) return { calls: [], content };
      this.state = "calling";
    }
    const calls: ParsedCall[] = [];
    for (let call = this.nextCall(); call; call = this.nextCall()) calls.push(call);
    if (this.closed()) {
      this.state = "done";
      content = this.buffer;
      this.buffer = "";
    }
    return { calls, content };
  }

  /** What is left for the user when generation ends: nothing once a call was found. */
  finish(): string {
    if (this.count > 0) return "";
    const rest = this.buffer;
    this.buffer = "";
    return this.tag === "{" || this.tag === "[" || this.state === "looking" ? rest : "";
  }

  private findTag(): { index: number; found: boolean } {
    const at = this.buffer.indexOf(this.tag);
    if (at !== -1) return { index: at, found: true };
    for (let length = Math.min(this.buffer.length, this.tag.length); length > 0; length--) {
      if (this.buffer.endsWith(this.tag.slice(0, length))) return { index: this.buffer.length - length, found: false };
    }
    return { index: -1, found: false };
  }

  private nextCall(): ParsedCall | undefined {
    const tool = this.findTool();
    if (!tool) return undefined;
    const args = this.findArguments(tool.tool.function.name);
    if (!args) return undefined;
    const end = Math.max(tool.end, args.end);
    this.buffer = this.buffer.slice(end);
    return { id: toolCallId(), function: { index: this.count++, name: tool.tool.function.name, arguments: args.values } };
  }

  /** The earliest (then longest) tool name in the buffer; none while the buffer ends in part of a name. */
  private findTool(): { tool: Tool; end: number } | undefined {
    if (this.buffer === "") return undefined;
    const longest = Math.max(0, ...this.tools.map((tool) => tool.function.name.length));
    for (let length = 1; length <= Math.min(this.buffer.length, longest); length++) {
      const tail = this.buffer.slice(-length);
      if (this.tools.some((tool) => tail.length < tool.function.name.length && tool.function.name.startsWith(tail))) return undefined;
    }
    let best: { tool: Tool; start: number; end: number } | undefined;
    for (const tool of this.tools) {
      const start = this.buffer.indexOf(tool.function.name);
      if (start === -1) continue;
      if (best && (start > best.start || (start === best.start && tool.function.name.length <= best.tool.function.name.length))) continue;
      best = { tool, start, end: start + tool.function.name.length };
    }
    return best;
  }

  private findArguments(toolName: string): { values: Record<string, unknown>; end: number } | undefined {
    const scanner = new JsonScanner();
    let depth = 0;
    let start = -1;
    for (let i = 0; i < this.buffer.length; i++) {
      const char = scanner.step(this.buffer[i]);
      if (char === "{") {
        if (depth === 0) start = i;
        depth++;
      } else if (char === "}") {
        depth = Math.max(depth - 1, 0);
        if (depth !== 0 || start === -1) continue;
        let decoded: unknown;
        try {
          decoded = JSON.parse(this.buffer.slice(start, i + 1));
        } catch {
          start = -1;
          continue;
        }
        if (!isObject(decoded)) continue;
        const found = argumentsIn(decoded, toolName);
        return { values: found ?? (found === null ? {} : decoded), end: i + 1 };
      }
    }
    return undefined;
  }

  /** With a bracket tag, the calls are over once the outer bracket closes. */
  private closed(): boolean {
    const pair = this.tag === "{" ? ["{", "}"] : this.tag === "[" ? ["[", "]"] : undefined;
    if (!pair) return false;
    const scanner = new JsonScanner();
    let depth = 0;
    for (const raw of this.buffer) {
      const char = scanner.step(raw);
      if (char === pair[0]) depth++;
      else if (char === pair[1] && --depth === 0) return true;
    }
    return false;
  }
}
