// The Modelfile lexer (§14.1), rule for rule as Ollama's parser.ParseFile reads
// it, so a Modelfile accepted or refused by `ollama create` is accepted or
// refused here with the same message. Two deliberate differences: a CRLF line
// break counts as one line (Ollama counts \r and \n separately), and errors
// found at a line break name the line that holds the problem, not the next one.

import { goTrimSpace } from "../options/go-compat/trim-space.js";
import { MODELFILE_ERRORS, ModelfileError } from "./modelfile-error.js";
import { decodeModelfile } from "./modelfile-text.js";

/** Instructions whose whole argument is one value. */
export type ValueInstruction = "from" | "adapter" | "template" | "system" | "license" | "requires" | "renderer" | "parser" | "draft";

export type MessageRole = "system" | "user" | "assistant";

export type ModelfileCommand =
  | { kind: ValueInstruction; value: string; line: number }
  | { kind: "parameter"; key: string; value: string; line: number }
  | { kind: "message"; role: MessageRole; value: string; line: number };

export interface Modelfile {
  commands: ModelfileCommand[];
}

const VALUE_INSTRUCTIONS: readonly string[] = ["from", "adapter", "template", "system", "license", "requires", "renderer", "parser", "draft"];
const MESSAGE_ROLES: readonly string[] = ["system", "user", "assistant"];

type State = "idle" | "instruction" | "parameterKey" | "messageRole" | "value" | "comment";

const isSpace = (ch: string) => ch === " " || ch === "\t";
const isNewline = (ch: string) => ch === "\r" || ch === "\n";
const isLetter = (ch: string) => (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z");
const isParameterKeyChar = (ch: string) => isLetter(ch) || (ch >= "0" && ch <= "9") || ch === "_";
// Go's strconv.IsPrint: other characters (controls, non-ASCII spaces, format marks) are dropped.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const isPrintable = (ch: string) => PRINTABLE.test(ch);

/** Strips one layer of `"""…"""` or `"…"`; undefined while the closing quote is still to come. */
function unquote(text: string): string | undefined {
  if (text.startsWith('"""')) return text.length >= 6 && text.endsWith('"""') ? text.slice(3, -3) : undefined;
  if (text.startsWith('"')) return text.length >= 2 && text.endsWith('"') ? text.slice(1, -1) : undefined;
  return text;
}

/** Parses Modelfile text, or its raw bytes (a UTF-8 or UTF-16 byte-order mark is honoured). Throws ModelfileError. */
export function parseModelfile(input: string | Uint8Array): Modelfile {
  const text = typeof input === "string" ? input.replace(/^\uFEFF/, "") : decodeModelfile(input);
  const chars = Array.from(text);
  const commands: ModelfileCommand[] = [];

  let state: State = "idle";
  let buffer = "";
  let line = 1;
  let commandLine = 1;
  // What the value being read belongs to, fixed once the instruction (and key or role) is known.
  let pending: { kind: ValueInstruction } | { kind: "parameter"; key: string } | { kind: "message"; role: MessageRole } = { kind: "from" };

  const fail = (reason: string, at: number): never => {
    throw new ModelfileError(reason, at);
  };
  const unexpectedEof = (): never => fail(buffer ? `${MODELFILE_ERRORS.unexpectedEof}: ${buffer}` : MODELFILE_ERRORS.unexpectedEof, commandLine);
  const emit = (value: string) => commands.push({ ...pending, value, line: commandLine } as ModelfileCommand);

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const charLine = line;
    if (ch === "\n" || (ch === "\r" && chars[i + 1] !== "\n")) line++;

    switch (state) {
      case "idle":
        if (ch === "#") state = "comment";
        else if (!isSpace(ch) && !isNewline(ch)) {
          state = "instruction";
          commandLine = charLine;
          buffer = isPrintable(ch) ? ch : "";
        }
        break;

      case "comment":
        if (isNewline(ch)) state = "idle";
        break;

      case "instruction": {
        if (isLetter(ch)) {
          buffer += ch;
          break;
        }
        const word = buffer.toLowerCase();
        if (!isSpace(ch) || (word !== "parameter" && word !== "message" && !VALUE_INSTRUCTIONS.includes(word))) {
          fail(MODELFILE_ERRORS.invalidCommand, charLine);
        }
        if (word === "parameter") state = "parameterKey";
        else if (word === "message") state = "messageRole";
        else {
          pending = { kind: word as ValueInstruction };
          state = "value";
        }
        buffer = "";
        break;
      }

      case "parameterKey":
        if (isParameterKeyChar(ch)) buffer += ch;
        else if (isSpace(ch)) {
          // A second space right after PARAMETER ends an empty key, exactly as in Ollama.
          pending = { kind: "parameter", key: buffer };
          state = "value";
          buffer = "";
        } else unexpectedEof();
        break;

      case "messageRole":
        if (isLetter(ch)) buffer += ch;
        else if (isSpace(ch)) {
          if (!MESSAGE_ROLES.includes(buffer)) fail(MODELFILE_ERRORS.invalidMessageRole, charLine);
          pending = { kind: "message", role: buffer as MessageRole };
          state = "value";
          buffer = "";
        } else unexpectedEof();
        break;

      case "value":
        if (isNewline(ch)) {
          const value = unquote(goTrimSpace(buffer));
          if (value === undefined) {
            // Inside an open quote the line break is part of the value.
            buffer += ch;
          } else {
            emit(value);
            state = "idle";
            buffer = "";
          }
        } else if (isSpace(ch) || isPrintable(ch)) {
          buffer += ch;
        }
        break;
    }
  }

  if (state === "value") {
    const value = unquote(goTrimSpace(buffer));
    if (value === undefined) fail(MODELFILE_ERRORS.unexpectedEof, commandLine);
    else emit(value);
  } else if (state !== "idle" && state !== "comment") {
    fail(MODELFILE_ERRORS.unexpectedEof, commandLine);
  }

  if (!commands.some((command) => command.kind === "from")) throw new ModelfileError(MODELFILE_ERRORS.missingFrom);
  return { commands };
}
