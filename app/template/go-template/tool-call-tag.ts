import type { BranchNode, ListNode, Node, PipeNode } from "./ast.js";

// Ollama finds where a model's tool calls start in its output from the template itself: the first
// text written inside `{{ if .ToolCalls }}` (e.g. "<tool_call>"), or "{" when there is none, meaning
// any JSON object may be a tool call.

function pipeMentionsToolCalls(pipe: PipeNode): boolean {
  return pipe.cmds.some((command) => command.args.some((arg) => arg.kind === "field" && arg.ident.includes("ToolCalls")));
}

function findToolCallsBranch(nodes: readonly Node[]): BranchNode | undefined {
  for (const node of nodes) {
    if (node.kind !== "if" && node.kind !== "range" && node.kind !== "with") continue;
    if (node.kind === "if" && pipeMentionsToolCalls(node.pipe)) return node;
    const found = findToolCallsBranch(node.list.nodes) ?? (node.elseList ? findToolCallsBranch(node.elseList.nodes) : undefined);
    if (found) return found;
  }
  return undefined;
}

/** Depth-first search for the first non-blank text, stopping at the first action. */
function firstText(nodes: readonly Node[]): string | undefined {
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        if (node.text.trim() !== "") return node.text;
        continue;
      case "if":
      case "range":
      case "with":
        return firstText(node.list.nodes) ?? (node.elseList ? firstText(node.elseList.nodes) : undefined);
      case "action":
        return undefined;
      default:
        continue;
    }
  }
  return undefined;
}

export function toolCallTagOf(root: ListNode): string {
  const branch = findToolCallsBranch(root.nodes);
  const text = branch ? firstText(branch.list.nodes) : undefined;
  if (text === undefined) return "{";
  const tag = text.replaceAll("\r\n", "\n").split("{")[0].trim();
  return tag === "" ? "{" : tag;
}
