// Parse tree of a template, shaped like Go's text/template/parse nodes so that
// tree walks ported from Ollama (identifier collection, response cutting,
// thinking-tag inference) can follow the same structure.

import { goQuote } from "./go-strings.js";

export interface ListNode { kind: "list"; pos: number; nodes: Node[] }
export interface TextNode { kind: "text"; pos: number; text: string }
export interface ActionNode { kind: "action"; pos: number; pipe: PipeNode }
export interface BranchNode {
  kind: "if" | "range" | "with";
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface TemplateNode { kind: "template"; pos: number; name: string; pipe: PipeNode | null }
export interface BreakNode { kind: "break"; pos: number }
export interface ContinueNode { kind: "continue"; pos: number }

export type Node = TextNode | ActionNode | BranchNode | TemplateNode | BreakNode | ContinueNode;

export interface PipeNode {
  kind: "pipe";
  pos: number;
  /** True for `$x = …` (assignment), false for `$x := …` (declaration). */
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode { kind: "command"; pos: number; args: Operand[] }

export interface FieldNode { kind: "field"; pos: number; ident: string[] }
/** `$`, `$x` or `$x.Field.Chain`: ident[0] is the variable name. */
export interface VariableNode { kind: "variable"; pos: number; ident: string[] }
export interface IdentifierNode { kind: "identifier"; pos: number; name: string }
export interface DotNode { kind: "dot"; pos: number }
export interface NilNode { kind: "nil"; pos: number }
export interface BoolNode { kind: "bool"; pos: number; value: boolean }
export interface StringNode { kind: "string"; pos: number; quoted: string; text: string }
export interface NumberNode {
  kind: "number";
  pos: number;
  text: string;
  /** Set when the literal denotes an int (a Go ideal constant without '.', 'e' or 'p'). */
  int: bigint | null;
  float: number;
  /** True when Go would treat the constant as a float64 in an untyped context. */
  isFloatSyntax: boolean;
}
/** `(pipeline).Field` — a term followed by field accesses. */
export interface ChainNode { kind: "chain"; pos: number; node: Operand; fields: string[] }

export type Operand =
  | FieldNode | VariableNode | IdentifierNode | DotNode | NilNode | BoolNode
  | StringNode | NumberNode | ChainNode | PipeNode;

export type AnyNode = ListNode | Node | PipeNode | CommandNode | Operand;

/** Go's Node.String(), used for error contexts such as `executing "" at <.Foo>`. */
export function nodeString(node: AnyNode): string {
  switch (node.kind) {
    case "list": return node.nodes.map(nodeString).join("");
    case "text": return node.text;
    case "action": return `{{${nodeString(node.pipe)}}}`;
    case "if":
    case "range":
    case "with": {
      const elsePart = node.elseList ? `{{else}}${nodeString(node.elseList)}` : "";
      return `{{${node.kind} ${nodeString(node.pipe)}}}${nodeString(node.list)}${elsePart}{{end}}`;
    }
    case "template":
      return `{{template ${goQuote(node.name)}${node.pipe ? " " + nodeString(node.pipe) : ""}}}`;
    case "break": return "{{break}}";
    case "continue": return "{{continue}}";
    case "pipe": {
      const decl = node.decl.length
        ? node.decl.map(nodeString).join(", ") + (node.isAssign ? " = " : " := ")
        : "";
      return decl + node.cmds.map(nodeString).join(" | ");
    }
    case "command":
      return node.args.map((arg) => (arg.kind === "pipe" ? `(${nodeString(arg)})` : nodeString(arg))).join(" ");
    case "field": return "." + node.ident.join(".");
    case "variable": return node.ident.join(".");
    case "identifier": return node.name;
    case "dot": return ".";
    case "nil": return "nil";
    case "bool": return String(node.value);
    case "string": return node.quoted;
    case "number": return node.text;
    case "chain": {
      const base = node.node.kind === "pipe" ? `(${nodeString(node.node)})` : nodeString(node.node);
      return base + node.fields.map((f) => "." + f).join("");
    }
  }
}
