// Tree inspections and rewrites that Ollama performs on parsed model templates
// (template/template.go Identifiers/deleteNode/Parse, thinking/template.go InferTags).

import type { ActionNode, AnyNode, BranchNode, ListNode, Node, Operand, PipeNode } from "./ast.js";
import type { TreeSet } from "./parser.js";

function pipeIdentifiers(pipe: PipeNode, out: string[]): void {
  for (const cmd of pipe.cmds) {
    for (const arg of cmd.args) {
      if (arg.kind === "field" || arg.kind === "variable") out.push(...arg.ident);
      else if (arg.kind === "pipe") pipeIdentifiers(arg, out);
    }
  }
}

function nodeIdentifiers(node: ListNode | Node, out: string[]): void {
  switch (node.kind) {
    case "list":
      node.nodes.forEach((n) => nodeIdentifiers(n, out));
      break;
    case "action":
      pipeIdentifiers(node.pipe, out);
      break;
    case "template":
      if (node.pipe) pipeIdentifiers(node.pipe, out);
      break;
    case "if":
    case "range":
    case "with":
      pipeIdentifiers(node.pipe, out);
      nodeIdentifiers(node.list, out);
      if (node.elseList) nodeIdentifiers(node.elseList, out);
      break;
  }
}

/**
 * Ollama's Template.Vars(): every field and variable name used in any pipeline of
 * any tree, lower-cased. It deliberately over-approximates (".Function.Name"
 * contributes "function" and "name") and Ollama's mode decisions rely on that.
 */
export function templateIdentifiers(trees: TreeSet): Set<string> {
  const names: string[] = [];
  for (const tree of trees.values()) nodeIdentifiers(tree, names);
  return new Set(names.map((n) => n.toLowerCase()));
}

const responseField = (pos: number): ActionNode => ({
  kind: "action",
  pos,
  pipe: { kind: "pipe", pos, isAssign: false, decl: [], cmds: [{ kind: "command", pos, args: [{ kind: "field", pos, ident: ["Response"] }] }] },
});

/** Ollama's Parse appends {{ .Response }} to templates that use neither .Messages nor .Response. */
export function withTrailingResponse(root: ListNode, pos: number): ListNode {
  return { ...root, nodes: [...root.nodes, responseField(pos)] };
}

/**
 * A copy of the tree that stops right after the first {{ … .Response … }} field, so
 * the last legacy turn ends where the model's reply begins (Ollama's deleteNode).
 * Like Ollama, it looks at action pipelines but not at if/range/with conditions.
 */
export function cutAfterResponse(root: ListNode): ListNode {
  let cut = false;
  const remove = (n: AnyNode): boolean => {
    if (n.kind === "field" && n.ident.includes("Response")) {
      cut = true;
      return false;
    }
    return cut;
  };

  const walkPipe = (pipe: PipeNode): PipeNode | null => {
    if (remove(pipe)) return null;
    const cmds = [];
    for (const cmd of pipe.cmds) {
      const args: Operand[] = [];
      for (const arg of cmd.args) {
        const kept = arg.kind === "pipe" ? walkPipe(arg) : remove(arg) ? null : arg;
        if (kept) args.push(kept);
      }
      if (args.length === 0) return null;
      cmds.push({ ...cmd, args });
    }
    return cmds.length ? { ...pipe, cmds } : null;
  };

  const walkList = (list: ListNode): ListNode => {
    const nodes: Node[] = [];
    for (const child of list.nodes) {
      const kept = walkNode(child);
      if (kept) nodes.push(kept);
    }
    return { ...list, nodes };
  };

  const walkNode = (node: Node): Node | null => {
    if (remove(node)) return null;
    switch (node.kind) {
      case "action": {
        const pipe = walkPipe(node.pipe);
        return pipe ? { ...node, pipe } : null;
      }
      case "if":
      case "range":
      case "with": {
        const list = walkList(node.list);
        const elseList = node.elseList && walkList(node.elseList);
        return { ...node, list, elseList } satisfies BranchNode;
      }
      default:
        return node;
    }
  };

  return walkList(root);
}

/**
 * Ollama's thinking.InferTags: find `.Thinking` inside a range over `.Messages` and
 * take the text that opens and closes the nearest enclosing list as the tags.
 */
export function inferThinkingTags(root: ListNode): { opening: string; closing: string } {
  let opening = "";
  let closing = "";
  const ancestors: AnyNode[] = [];

  const usesField = (pipe: PipeNode, field: string): boolean => {
    let found = false;
    const visitPipe = (p: PipeNode) =>
      p.cmds.forEach((cmd) =>
        cmd.args.forEach((arg) => {
          if (arg.kind === "field" && arg.ident[0] === field) found = true;
          else if (arg.kind === "pipe") visitPipe(arg);
        }),
      );
    visitPipe(pipe);
    return found;
  };

  const onField = () => {
    const range = [...ancestors].reverse().find((n): n is BranchNode => n.kind === "range");
    if (!range || !usesField(range.pipe, "Messages")) return;
    const list = [...ancestors].reverse().find((n): n is ListNode => n.kind === "list");
    if (!list) return;
    const first = list.nodes[0];
    const last = list.nodes[list.nodes.length - 1];
    if (first?.kind === "text") opening = first.text.trim();
    if (last?.kind === "text") closing = last.text.trim();
  };

  const visit = (node: AnyNode): void => {
    ancestors.push(node);
    switch (node.kind) {
      case "list": node.nodes.forEach(visit); break;
      case "if":
      case "range":
      case "with":
        visit(node.pipe);
        visit(node.list);
        if (node.elseList) visit(node.elseList);
        break;
      case "action": visit(node.pipe); break;
      case "template": if (node.pipe) visit(node.pipe); break;
      case "pipe": node.cmds.forEach(visit); break;
      case "command": node.args.forEach(visit); break;
      case "field": if (node.ident[0] === "Thinking") onField(); break;
    }
    ancestors.pop();
  };

  visit(root);
  return { opening, closing };
}
