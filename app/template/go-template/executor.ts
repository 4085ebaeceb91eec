// Executes parsed trees with the semantics of Go's text/template/exec.go under
// Option("missingkey=zero"), which is how Ollama runs model templates.

import type {
  AnyNode, BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, ListNode, Node,
  NumberNode, Operand, PipeNode, TemplateNode, VariableNode,
} from "./ast.js";
import { nodeString } from "./ast.js";
import { TemplateError } from "./errors.js";
import { printActionValue, printValue } from "./format.js";
import { FunctionError, type ParamKind, type TemplateFunction } from "./functions.js";
import { byteLength, goQuote } from "./go-strings.js";
import { lineAt, type TreeSet } from "./parser.js";
import { GoNamed, GoStruct, isTrue, kindOf, mapRecord, nilIfUndefined, sliceItems, sortedKeys, typeName } from "./values.js";

/** Go allows 100000 nested template calls; a JavaScript stack overflows long before that. */
const MAX_TEMPLATE_DEPTH = 100;

/** Marks a pipeline stage that received no value from a previous stage. */
const MISSING = Symbol("missing");
type Final = unknown | typeof MISSING;

type LoopSignal = "break" | "continue" | undefined;

export interface ExecutionInput {
  source: string;
  trees: TreeSet;
  functions: ReadonlyMap<string, TemplateFunction>;
  /** Tree to run instead of the main one (used for Ollama's cut-at-Response copy). */
  root?: ListNode;
}

export function executeTemplate(input: ExecutionInput, data: unknown): string {
  const root = input.root ?? input.trees.get("");
  if (!root) throw new TemplateError(`template: : "" is an incomplete or empty template`);
  const state = new ExecutionState(input, data);
  try {
    state.walk(data, root);
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new TemplateError(`template: : exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
    }
    throw error;
  }
  return state.output.join("");
}

interface Variable {
  name: string;
  value: unknown;
}

class ExecutionState {
  readonly output: string[] = [];
  private vars: Variable[];
  private node: AnyNode | null = null;
  private templateName = "";
  private depth = 0;

  constructor(private readonly input: ExecutionInput, data: unknown) {
    this.vars = [{ name: "$", value: data }];
  }

  // ---- errors and variables ----

  private at(node: AnyNode): void {
    this.node = node;
  }

  private fail(message: string): never {
    const name = goQuote(this.templateName);
    if (!this.node) throw new TemplateError(`template: ${this.templateName}: ${message}`);
    const source = this.input.source;
    const pos = this.node.pos;
    const lineStart = source.lastIndexOf("\n", pos - 1) + 1;
    const location = `:${lineAt(source, pos)}:${byteLength(source.slice(lineStart, pos))}`;
    throw new TemplateError(`template: ${location}: executing ${name} at <${nodeString(this.node)}>: ${message}`);
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.fail(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  // ---- walking ----

  walk(dot: unknown, node: ListNode | Node): LoopSignal {
    this.at(node);
    switch (node.kind) {
      case "list":
        for (const child of node.nodes) {
          const signal = this.walk(dot, child);
          if (signal) return signal;
        }
        return undefined;
      case "text":
        this.output.push(node.text);
        return undefined;
      case "action": {
        // Variables declared by an action persist until the enclosing {{end}} and are not printed.
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.print(node, value);
        return undefined;
      }
      case "if":
      case "with":
        return this.walkIfOrWith(dot, node);
      case "range":
        this.walkRange(dot, node);
        return undefined;
      case "template":
        this.walkTemplate(dot, node);
        return undefined;
      case "break":
      case "continue":
        return node.kind;
    }
  }

  private print(node: AnyNode, value: unknown): void {
    this.at(node);
    if (kindOf(value) === "func") this.fail(`can't print ${nodeString(node)} of type ${typeName(value)}`);
    this.output.push(printActionValue(value));
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): LoopSignal {
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (isTrue(value)) return this.walk(node.kind === "with" ? value : dot, node.list);
      return node.elseList ? this.walk(dot, node.elseList) : undefined;
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: unknown, node: BranchNode): void {
    this.at(node);
    const outerMark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      const { decl, isAssign } = node.pipe;
      const mark = this.vars.length;
      const iterate = (index: unknown, elem: unknown): LoopSignal => {
        if (decl.length > 0) {
          if (isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
          else this.vars[this.vars.length - 1].value = elem;
        }
        if (decl.length > 1) {
          if (isAssign) this.setVar(decl[1].ident[0], elem);
          else this.vars[this.vars.length - 2].value = index;
        }
        try {
          return this.walk(elem, node.list);
        } finally {
          this.vars.length = mark;
        }
      };
      let ran = false;
      const loop = (count: number, step: (i: number) => LoopSignal) => {
        for (let i = 0; i < count; i++) {
          ran = true;
          if (step(i) === "break") break;
        }
      };
      switch (kindOf(value)) {
        case "slice": {
          const items = sliceItems(value as unknown[] | GoNamed);
          loop(items.length, (i) => iterate(BigInt(i), nilIfUndefined(items[i])));
          break;
        }
        case "map": {
          const record = mapRecord(value);
          const keys = sortedKeys(record);
          loop(keys.length, (i) => iterate(keys[i], nilIfUndefined(record[keys[i]])));
          break;
        }
        case "int": {
          // Go 1.22+: range over an integer n yields 0 … n-1.
          if (decl.length > 1) this.fail(`can't use ${printValue(value)} to iterate over more than one variable`);
          const count = Number(value as bigint);
          loop(count, (i) => iterate(undefined, BigInt(i)));
          break;
        }
        case "invalid":
        case "nil":
          break; // a nil value acts like an empty collection
        default:
          this.fail(`range can't iterate over ${printValue(value)}`);
      }
      if (!ran && node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = outerMark;
    }
  }

  private walkTemplate(dot: unknown, node: TemplateNode): void {
    this.at(node);
    const tree = this.input.trees.get(node.name);
    if (!tree) this.fail(`template ${goQuote(node.name)} not defined`);
    if (this.depth >= MAX_TEMPLATE_DEPTH) this.fail(`exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
    // Variables declared by the pipeline persist in the caller; the callee sees only $.
    const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
    const saved = { vars: this.vars, name: this.templateName };
    this.vars = [{ name: "$", value: newDot }];
    this.templateName = node.name;
    this.depth++;
    try {
      this.walk(newDot, tree);
    } finally {
      this.vars = saved.vars;
      this.templateName = saved.name;
      this.depth--;
    }
  }

  // ---- evaluation ----

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // Go digs into interface{} results, so a nil interface becomes "no value".
      if (value === null) value = undefined;
    }
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0], value);
      else this.vars.push({ name: variable.ident[0], value });
    }
    return value;
  }

  private notAFunction(args: readonly Operand[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.fail(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.kind) {
      case "field": return this.evalFieldNode(dot, first, cmd.args, final);
      case "chain": return this.evalChainNode(dot, first, cmd.args, final);
      case "identifier": return this.evalFunction(dot, first, cmd, cmd.args, final);
      case "variable": return this.evalVariableNode(first, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case "bool": return first.value;
      case "dot": return dot;
      case "nil": return this.fail("nil is not a command");
      case "number": return this.idealConstant(first);
      case "string": return first.text;
    }
  }

  /** An untyped number literal: int unless written as a float. */
  private idealConstant(node: NumberNode): unknown {
    this.at(node);
    if (node.isFloatSyntax) return node.float;
    if (node.int !== null) return node.int;
    return this.fail(`${node.text} overflows int`);
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: readonly Operand[], final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: readonly Operand[], final: Final): unknown {
    this.at(chain);
    if (chain.node.kind === "nil") this.fail(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, "any", chain.node);
    return this.evalFieldChain(receiver, chain.fields, args, final);
  }

  private evalVariableNode(variable: VariableNode, args: readonly Operand[], final: Final): unknown {
    this.at(variable);
    const value = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(value, variable.ident.slice(1), args, final);
  }

  /** Walks .X.Y.Z from the receiver; only the last field may receive arguments. */
  private evalFieldChain(receiver: unknown, ident: readonly string[], args: readonly Operand[], final: Final): unknown {
    let viaInterface = false;
    for (let i = 0; i < ident.length - 1; i++) {
      const next = this.evalField(ident[i], [], MISSING, receiver, viaInterface);
      // Values read out of a map[string]interface{} have static type interface {}.
      viaInterface = kindOf(receiver) === "map" && !(receiver instanceof GoNamed);
      receiver = next;
    }
    return this.evalField(ident[ident.length - 1], args, final, receiver, viaInterface);
  }

  private evalField(name: string, args: readonly Operand[], final: Final, receiver: unknown, viaInterface: boolean): unknown {
    if (receiver === undefined) return undefined; // no data at all: missing, not an error
    if (receiver === null) this.fail(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver instanceof GoStruct && Object.hasOwn(receiver.fields, name)) {
      if (hasArgs) this.fail(`${name} has arguments but cannot be invoked as function`);
      return nilIfUndefined(receiver.fields[name]);
    }
    if (kindOf(receiver) === "map") {
      if (hasArgs) this.fail(`${name} is not a method but has arguments`);
      const record = mapRecord(receiver);
      // missingkey=zero: an absent key yields the map's zero element, nil for interface maps.
      return Object.hasOwn(record, name) ? nilIfUndefined(record[name]) : null;
    }
    return this.fail(`can't evaluate field ${name} in type ${viaInterface ? "interface {}" : typeName(receiver)}`);
  }

  private evalFunction(dot: unknown, node: IdentifierNode, cmd: AnyNode, args: readonly Operand[], final: Final): unknown {
    this.at(node);
    const fn = this.input.functions.get(node.name);
    if (!fn) this.fail(`${goQuote(node.name)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.name, args.slice(1), final);
  }

  private evalCall(dot: unknown, fn: TemplateFunction, node: AnyNode, name: string, argNodes: readonly Operand[], final: Final): unknown {
    const numIn = argNodes.length + (final === MISSING ? 0 : 1);
    if (fn.variadic) {
      if (numIn < fn.params.length) {
        this.fail(`wrong number of args for ${name}: want at least ${fn.params.length} got ${argNodes.length}`);
      }
    } else if (numIn !== fn.params.length) {
      this.fail(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    const paramKind = (i: number): ParamKind => fn.params[i] ?? fn.variadic ?? "any";

    if (name === "and" || name === "or") {
      // Short-circuit: return the first argument that decides the result, else the last.
      let value: unknown = undefined;
      for (const arg of argNodes) {
        value = this.evalArg(dot, "any", arg);
        if (isTrue(value) === (name === "or")) return value;
      }
      return final === MISSING ? value : final;
    }

    const argv = argNodes.map((arg, i) => this.evalArg(dot, paramKind(i), arg));
    if (final !== MISSING) argv.push(this.validateType(final, paramKind(argv.length)));
    try {
      if (name === "call") return this.callValue(argNodes[0] ? nodeString(argNodes[0]) : "", argv);
      return fn.call(argv);
    } catch (error) {
      if (!(error instanceof FunctionError)) throw error;
      this.at(node);
      return this.fail(`error calling ${name}: ${error.message}`);
    }
  }

  /** The `call` builtin: invokes a function value found in the data. */
  private callValue(calleeName: string, [fn, ...args]: unknown[]): unknown {
    if (fn === undefined || fn === null) throw new FunctionError("call of nil");
    if (typeof fn !== "function") throw new FunctionError(`non-function ${calleeName} of type ${typeName(fn)}`);
    try {
      return (fn as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      throw new FunctionError(error instanceof Error ? error.message : String(error));
    }
  }

  private validateType(value: unknown, kind: ParamKind): unknown {
    if (kind === "any") return value === undefined ? null : value;
    if (value === undefined) this.fail("invalid value; expected string");
    if (typeof value !== "string") {
      this.fail(`wrong type for value; expected string; got ${value === null ? "interface {}" : typeName(value)}`);
    }
    return value;
  }

  private evalArg(dot: unknown, kind: ParamKind, node: Operand): unknown {
    this.at(node);
    switch (node.kind) {
      case "dot": return this.validateType(dot, kind);
      case "nil":
        if (kind === "any") return null;
        return this.fail("cannot assign nil to string");
      case "field": return this.validateType(this.evalFieldNode(dot, node, [node], MISSING), kind);
      case "variable": return this.validateType(this.evalVariableNode(node, [], MISSING), kind);
      case "pipe": return this.validateType(this.evalPipeline(dot, node), kind);
      case "identifier": return this.validateType(this.evalFunction(dot, node, node, [node], MISSING), kind);
      case "chain": return this.validateType(this.evalChainNode(dot, node, [], MISSING), kind);
    }
    if (kind === "string") {
      if (node.kind === "string") return node.text;
      return this.fail(`expected string; found ${nodeString(node)}`);
    }
    switch (node.kind) {
      case "bool": return node.value;
      case "number": return this.idealConstant(node);
      case "string": return node.text;
    }
  }
}
