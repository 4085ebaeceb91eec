// Recursive-descent parser following the grammar and error wording of Go's
// text/template/parse, producing the trees in ast.ts.

import type {
  BranchNode, CommandNode, ListNode, Node, Operand, PipeNode, TemplateNode, VariableNode,
} from "./ast.js";
import { nodeString } from "./ast.js";
import { TemplateError } from "./errors.js";
import { goQuote, goUnquote } from "./go-strings.js";
import { lex, tokenString, type Token, type TokenType } from "./lexer.js";
import { parseNumberLiteral } from "./number-literal.js";

/** All trees of one template source: "" is the main one, the others come from define/block. */
export type TreeSet = Map<string, ListNode>;

/** Pseudo-nodes that end an item list; never stored in a tree. */
type Terminator = { kind: "end"; pos: number } | { kind: "else"; pos: number };

const OPERAND_START = new Set<TokenType>([
  "bool", "charConstant", "complex", "dot", "field", "identifier", "number", "nil",
  "rawString", "string", "variable", "leftParen",
]);

export function parseTrees(text: string, functions: ReadonlySet<string>): TreeSet {
  return new Parser(text, functions).parseAll();
}

/** 1-based line of a source offset. */
export function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < pos; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function isEmptyTree(list: ListNode): boolean {
  return list.nodes.every((n) => n.kind === "text" && n.text.trim() === "");
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  /** Furthest token read so far; Go reports parse errors on its line. */
  private furthest = 0;
  private vars: string[] = ["$"];
  private rangeDepth = 0;
  private actionLine = 0;
  private readonly trees: TreeSet = new Map();

  constructor(private readonly text: string, private readonly functions: ReadonlySet<string>) {
    this.tokens = lex(text);
  }

  parseAll(): TreeSet {
    const root: ListNode = { kind: "list", pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== "eof") {
      if (this.peek().type === "leftDelim") {
        const start = this.index;
        this.next();
        if (this.nextNonSpace().type === "define") {
          this.inFreshScope(() => this.parseDefinition());
          continue;
        }
        this.index = start;
      }
      const node = this.textOrAction();
      if (node.kind === "end" || node.kind === "else") this.fail(`unexpected {{${node.kind}}}`);
      root.nodes.push(node);
    }
    this.add("", root);
    return this.trees;
  }

  // ---- token stream ----

  private next(): Token {
    const token = this.tokens[Math.min(this.index, this.tokens.length - 1)];
    this.index++;
    this.furthest = Math.max(this.furthest, this.index - 1);
    return token;
  }

  private backup(): void {
    this.index--;
  }

  private peek(): Token {
    const token = this.next();
    this.backup();
    return token;
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (token.type === "space") token = this.next();
    return token;
  }

  private peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // ---- errors ----

  private fail(message: string): never {
    const token = this.tokens[Math.min(this.furthest, this.tokens.length - 1)];
    throw new TemplateError(`template: :${lineAt(this.text, token.pos)}: ${message}`);
  }

  private unexpected(token: Token, context: string): never {
    if (token.type === "error") {
      let extra = "";
      const line = lineAt(this.text, token.pos);
      if (this.actionLine !== 0 && this.actionLine !== line) {
        extra = token.val.endsWith(" action")
          ? ` started at :${this.actionLine}`
          : ` in action started at :${this.actionLine}`;
      }
      this.fail(token.val + extra);
    }
    this.fail(`unexpected ${tokenString(token)} in ${context}`);
  }

  private expect(type: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  // ---- trees ----

  /** define and block bodies start with only `$` in scope and outside any range. */
  private inFreshScope<T>(fn: () => T): T {
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth };
    this.vars = ["$"];
    this.rangeDepth = 0;
    try {
      return fn();
    } finally {
      this.vars = saved.vars;
      this.rangeDepth = saved.rangeDepth;
    }
  }

  private add(name: string, root: ListNode): void {
    const existing = this.trees.get(name);
    if (!existing || isEmptyTree(existing)) this.trees.set(name, root);
    else if (!isEmptyTree(root)) this.fail(`template: multiple definition of template ${goQuote(name)}`);
  }

  private unquote(token: Token): string {
    const text = goUnquote(token.val);
    if (text === null) this.fail("invalid syntax");
    return text;
  }

  private parseDefinition(): void {
    const context = "define clause";
    const token = this.nextNonSpace();
    if (token.type !== "string" && token.type !== "rawString") this.unexpected(token, context);
    const name = this.unquote(token);
    this.expect("rightDelim", context);
    const [root, end] = this.itemList();
    if (end.kind !== "end") this.fail(`unexpected {{${end.kind}}} in ${context}`);
    this.add(name, root);
  }

  private itemList(): [ListNode, Terminator] {
    const list: ListNode = { kind: "list", pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== "eof") {
      const node = this.textOrAction();
      if (node.kind === "end" || node.kind === "else") return [list, node];
      list.nodes.push(node);
    }
    this.fail("unexpected EOF");
  }

  private textOrAction(): Node | Terminator {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "text":
        return { kind: "text", pos: token.pos, text: token.val };
      case "leftDelim":
        this.actionLine = lineAt(this.text, token.pos);
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        this.unexpected(token, "input");
    }
  }

  private action(): Node | Terminator {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "block": return this.blockControl();
      case "break":
      case "continue": return this.loopControl(token);
      case "else": return this.elseControl();
      case "end": return { kind: "end", pos: this.expect("rightDelim", "end").pos };
      case "if": return this.branchControl("if");
      case "range": return this.branchControl("range");
      case "template": return this.templateControl();
      case "with": return this.branchControl("with");
    }
    this.backup();
    const pos = this.peek().pos;
    return { kind: "action", pos, pipe: this.pipeline("command", "rightDelim") };
  }

  private loopControl(keyword: Token): Node {
    const token = this.nextNonSpace();
    if (token.type !== "rightDelim") this.unexpected(token, `{{${keyword.type}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${keyword.type}}} outside {{range}}`);
    return { kind: keyword.type as "break" | "continue", pos: keyword.pos };
  }

  private elseControl(): Terminator {
    const peek = this.peekNonSpace();
    // "{{else if …}}" and "{{else with …}}" leave the keyword pending for the enclosing control.
    if (peek.type === "if" || peek.type === "with") return { kind: "else", pos: peek.pos };
    return { kind: "else", pos: this.expect("rightDelim", "else").pos };
  }

  private branchControl(context: "if" | "range" | "with"): BranchNode {
    const varsMark = this.vars.length;
    try {
      const pipe = this.pipeline(context, "rightDelim");
      if (context === "range") this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === "range") this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === "else") {
        const chained = this.peek().type;
        if ((context === "if" || context === "with") && chained === context) {
          // Treat {{if a}}…{{else if b}}…{{end}} as {{if a}}…{{else}}{{if b}}…{{end}}{{end}}.
          this.next();
          elseList = { kind: "list", pos: next.pos, nodes: [this.branchControl(context)] };
        } else {
          let end: Terminator;
          [elseList, end] = this.itemList();
          if (end.kind !== "end") this.fail(`expected end; found {{${end.kind}}}`);
        }
      }
      return { kind: context, pos: pipe.pos, pipe, list, elseList };
    } finally {
      this.vars.length = varsMark;
    }
  }

  private templateName(token: Token, context: string): string {
    if (token.type !== "string" && token.type !== "rawString") this.unexpected(token, context);
    return this.unquote(token);
  }

  private blockControl(): TemplateNode {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, "rightDelim");
    this.inFreshScope(() => {
      const [root, end] = this.itemList();
      if (end.kind !== "end") this.fail(`unexpected {{${end.kind}}} in ${context}`);
      this.add(name, root);
    });
    return { kind: "template", pos: token.pos, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== "rightDelim") {
      this.backup();
      pipe = this.pipeline(context, "rightDelim");
    }
    return { kind: "template", pos: token.pos, name, pipe };
  }

  // ---- pipelines ----

  private pipeline(context: string, end: TokenType): PipeNode {
    const pipe: PipeNode = { kind: "pipe", pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    while (this.peekNonSpace().type === "variable") {
      const start = this.index;
      const variable = this.nextNonSpace();
      const next = this.peekNonSpace();
      const declare = () => {
        pipe.decl.push({ kind: "variable", pos: variable.pos, ident: variable.val.split(".") });
        this.vars.push(variable.val);
      };
      if (next.type === "assign" || next.type === "declare") {
        pipe.isAssign = next.type === "assign";
        this.nextNonSpace();
        declare();
        return;
      }
      if (next.type === "char" && next.val === ",") {
        this.nextNonSpace();
        declare();
        if (context === "range" && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === "variable" || after === "rightDelim" || after === "rightParen") continue;
          this.fail("range can only initialize variables");
        }
        this.fail(`too many declarations in ${context}`);
      }
      this.index = start;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, i) => {
      if (["bool", "dot", "nil", "number", "string"].includes(cmd.args[0].kind)) {
        this.fail(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: "command", pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === "space") continue;
      if (token.type === "rightDelim" || token.type === "rightParen") this.backup();
      else if (token.type !== "pipe") this.unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.fail("empty command");
    return cmd;
  }

  private operand(): Operand | null {
    const node = this.term();
    if (!node || this.peek().type !== "field") return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === "field") fields.push(this.next().val.slice(1));
    switch (node.kind) {
      case "field":
        return { kind: "field", pos, ident: [...node.ident, ...fields] };
      case "variable":
        return { kind: "variable", pos, ident: [...node.ident, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.fail(`unexpected . after term ${goQuote(nodeString(node))}`);
      default:
        return { kind: "chain", pos, node, fields };
    }
  }

  private term(): Operand | null {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "identifier":
        if (!this.functions.has(token.val)) this.fail(`function ${goQuote(token.val)} not defined`);
        return { kind: "identifier", pos: token.pos, name: token.val };
      case "dot":
        return { kind: "dot", pos: token.pos };
      case "nil":
        return { kind: "nil", pos: token.pos };
      case "variable":
        return this.useVar(token);
      case "field":
        return { kind: "field", pos: token.pos, ident: token.val.slice(1).split(".") };
      case "bool":
        return { kind: "bool", pos: token.pos, value: token.val === "true" };
      case "charConstant":
      case "complex":
      case "number": {
        const number = parseNumberLiteral(token.pos, token.val, token.type === "charConstant");
        if (typeof number === "string") this.fail(number);
        return number;
      }
      case "leftParen":
        return this.pipeline("parenthesized pipeline", "rightParen");
      case "string":
      case "rawString":
        return { kind: "string", pos: token.pos, quoted: token.val, text: this.unquote(token) };
    }
    this.backup();
    return null;
  }

  private useVar(token: Token): VariableNode {
    const ident = token.val.split(".");
    if (!this.vars.includes(ident[0])) this.fail(`undefined variable ${goQuote(ident[0])}`);
    return { kind: "variable", pos: token.pos, ident };
  }
}
