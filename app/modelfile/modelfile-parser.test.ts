import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseModelfile } from "./modelfile-parser.js";
import { ModelfileError } from "./modelfile-error.js";

const INVALID_COMMAND =
  'command must be one of "from", "license", "template", "system", "adapter", "draft", "renderer", "parser", "parameter", "message", or "requires"';
const INVALID_ROLE = 'message role must be one of "system", "user", or "assistant"';

type Unlined = Record<string, string>;

/** Commands without their line numbers, for compact expectations. */
function commandsOf(text: string | Uint8Array): Unlined[] {
  return parseModelfile(text).commands.map(({ line: _line, ...rest }) => rest);
}

function errorOf(text: string): string {
  try {
    parseModelfile(text);
  } catch (error) {
    assert.ok(error instanceof ModelfileError, `not a ModelfileError: ${String(error)}`);
    return error.message;
  }
  assert.fail(`parsed without error: ${JSON.stringify(text)}`);
}

const TEMPLATE = `{{ if .System }}<|start_header_id|>system<|end_header_id|>

{{ .System }}<|eot_id|>{{ end }}<|start_header_id|>assistant<|end_header_id|>`;

describe("parseModelfile: valid files", () => {
  const cases: Array<[name: string, input: string, expected: Unlined[]]> = [
    ["a bare FROM", "FROM foo", [{ kind: "from", value: "foo" }]],
    ["a tagged model name", "FROM llama3:7b-instruct-q4_K_M", [{ kind: "from", value: "llama3:7b-instruct-q4_K_M" }]],
    ["instructions are case-insensitive", "from foo\nSyStEm hi", [{ kind: "from", value: "foo" }, { kind: "system", value: "hi" }]],
    ["inner spaces stay, edges are trimmed", "FROM     FOOO BAR    ", [{ kind: "from", value: "FOOO BAR" }]],
    ["a path with a space", "FROM /what/is/the path ", [{ kind: "from", value: "/what/is/the path" }]],
    ["double quotes keep edge spaces", 'FROM "     model 1"', [{ kind: "from", value: "     model 1" }]],
    ["a tab separates like a space", "FROM\tfoo\t", [{ kind: "from", value: "foo" }]],
    [
      "every instruction",
      [
        "FROM model1",
        "ADAPTER adapter1",
        "LICENSE MIT",
        "PARAMETER temperature 0.5",
        "TEMPLATE t",
        "SYSTEM s",
        "MESSAGE user hi there",
        "REQUIRES 0.14.0",
        "RENDERER r",
        "PARSER p",
        "DRAFT ./d",
      ].join("\n"),
      [
        { kind: "from", value: "model1" },
        { kind: "adapter", value: "adapter1" },
        { kind: "license", value: "MIT" },
        { kind: "parameter", key: "temperature", value: "0.5" },
        { kind: "template", value: "t" },
        { kind: "system", value: "s" },
        { kind: "message", role: "user", value: "hi there" },
        { kind: "requires", value: "0.14.0" },
        { kind: "renderer", value: "r" },
        { kind: "parser", value: "p" },
        { kind: "draft", value: "./d" },
      ],
    ],
    ["FROM may come last", "PARAMETER what the \nFROM lemons make lemonade ", [
      { kind: "parameter", key: "what", value: "the" },
      { kind: "from", value: "lemons make lemonade" },
    ]],
    ["comments and blank lines are skipped", "\n# comment\n   # indented comment\nFROM foo\n\t\n", [{ kind: "from", value: "foo" }]],
    ["# inside a value is text", "FROM foo\nSYSTEM you are #1", [{ kind: "from", value: "foo" }, { kind: "system", value: "you are #1" }]],
    ["a multi-line template", `FROM foo\nTEMPLATE """${TEMPLATE}"""    \n`, [{ kind: "from", value: "foo" }, { kind: "template", value: TEMPLATE }]],
    ["triple quotes keep their inner edge spaces", 'FROM foo\nSYSTEM """   a\nb   """', [{ kind: "from", value: "foo" }, { kind: "system", value: "   a\nb   " }]],
    ["triple quotes on their own lines", 'FROM foo\nSYSTEM """\nThis is a\nmultiline system.\n"""\n', [
      { kind: "from", value: "foo" },
      { kind: "system", value: "\nThis is a\nmultiline system.\n" },
    ]],
    ["double quotes may span lines", 'FROM foo\nSYSTEM "one\ntwo"', [{ kind: "from", value: "foo" }, { kind: "system", value: "one\ntwo" }]],
    ["a triple-quoted value may hold double quotes", 'FROM foo\nSYSTEM """say "Hello!"\n"""', [
      { kind: "from", value: "foo" },
      { kind: "system", value: 'say "Hello!"\n' },
    ]],
    ["empty triple quotes", 'FROM foo\nSYSTEM """"""\n', [{ kind: "from", value: "foo" }, { kind: "system", value: "" }]],
    ["empty double quotes", 'FROM foo\nSYSTEM ""\n', [{ kind: "from", value: "foo" }, { kind: "system", value: "" }]],
    ["single quotes are plain characters", "FROM foo\nSYSTEM \"'\"\nLICENSE 'MIT'", [
      { kind: "from", value: "foo" },
      { kind: "system", value: "'" },
      { kind: "license", value: "'MIT'" },
    ]],
    ["quote soup", `FROM foo\nSYSTEM """''"'""'""'"'''''""'""'"""\n`, [{ kind: "from", value: "foo" }, { kind: "system", value: `''"'""'""'"'''''""'""'` }]],
    ["no escape sequences", 'FROM foo\nSYSTEM "a\\nb\\"', [{ kind: "from", value: "foo" }, { kind: "system", value: "a\\nb\\" }]],
    ["quotes only count at the edges", 'FROM foo\nSYSTEM say "hi" now', [{ kind: "from", value: "foo" }, { kind: "system", value: 'say "hi" now' }]],
    ["stop values, quoted and not", 'FROM foo\nPARAMETER stop ### User: \nPARAMETER stop "### User: "\nPARAMETER stop <|eot_id|>', [
      { kind: "from", value: "foo" },
      { kind: "parameter", key: "stop", value: "### User:" },
      { kind: "parameter", key: "stop", value: "### User: " },
      { kind: "parameter", key: "stop", value: "<|eot_id|>" },
    ]],
    ["parameter keys keep their case", "FROM foo\nPARAMETER Num_Ctx 5", [{ kind: "from", value: "foo" }, { kind: "parameter", key: "Num_Ctx", value: "5" }]],
    ["a second space after PARAMETER makes an empty key (as in Ollama)", "FROM foo\nPARAMETER  num_ctx 5", [
      { kind: "from", value: "foo" },
      { kind: "parameter", key: "", value: "num_ctx 5" },
    ]],
    ["messages of every role", "FROM foo\nMESSAGE system Be brief.\nMESSAGE user Hey there!\nMESSAGE assistant Hello!", [
      { kind: "from", value: "foo" },
      { kind: "message", role: "system", value: "Be brief." },
      { kind: "message", role: "user", value: "Hey there!" },
      { kind: "message", role: "assistant", value: "Hello!" },
    ]],
    ["a multi-line message", 'FROM foo\nMESSAGE system """\nYou parse files.\n"""\n\t\t\t', [
      { kind: "from", value: "foo" },
      { kind: "message", role: "system", value: "\nYou parse files.\n" },
    ]],
    ["CRLF line breaks", "FROM foo\r\nSYSTEM hi\r\nLICENSE MIT\r\n", [
      { kind: "from", value: "foo" },
      { kind: "system", value: "hi" },
      { kind: "license", value: "MIT" },
    ]],
    ["a CR inside a quoted value is kept", 'FROM foo\r\nSYSTEM """a\r\nb"""\r\n', [{ kind: "from", value: "foo" }, { kind: "system", value: "a\r\nb" }]],
    ["multi-byte text", "FROM test\n\tSYSTEM 你好👋", [{ kind: "from", value: "test" }, { kind: "system", value: "你好👋" }]],
    ["control characters inside values are dropped", "FROM foo\nSYSTEM a\u0000b\u000bc\u00a0d", [{ kind: "from", value: "foo" }, { kind: "system", value: "abcd" }]],
    ["a leading BOM in text is ignored", "\uFEFFFROM foo", [{ kind: "from", value: "foo" }]],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.deepEqual(commandsOf(input), expected));
  }

  test("each command remembers the line it starts on", () => {
    const lines = parseModelfile('# header\nFROM foo\n\nSYSTEM """\nmulti\n"""\r\nLICENSE MIT').commands.map((command) => command.line);
    assert.deepEqual(lines, [2, 4, 7]);
  });
});

describe("parseModelfile: errors", () => {
  const cases: Array<[name: string, input: string, message: string]> = [
    ["an empty file", "", "no FROM line"],
    ["only comments", "# nothing\n", "no FROM line"],
    ["no FROM", "PARAMETER param1 value1", "no FROM line"],
    ["an unknown instruction", "\nFROM foo\nBADCOMMAND param1 value1\n", `(line 3): ${INVALID_COMMAND}`],
    ["a digit in the instruction", "FROM2 foo", `(line 1): ${INVALID_COMMAND}`],
    ["an instruction without a value", "FROM foo\nSYSTEM\nLICENSE x", `(line 2): ${INVALID_COMMAND}`],
    ["an instruction without a value at EOF", "FROM foo\nSYSTEM", "(line 2): unexpected EOF"],
    ["a non-ASCII letter in the instruction", "FRÖM foo", `(line 1): ${INVALID_COMMAND}`],
    ["an unknown message role", "\nFROM foo\nMESSAGE badguy I'm a bad guy!\n", `(line 3): ${INVALID_ROLE}`],
    ["roles are lower case", "FROM foo\nMESSAGE User hi", `(line 2): ${INVALID_ROLE}`],
    ["a message without text", "\nFROM foo\nMESSAGE system\n", "(line 3): unexpected EOF: system"],
    ["a message without text at EOF", "\nFROM foo\nMESSAGE system", "(line 3): unexpected EOF"],
    ["a parameter without a value", "\nFROM foo\nPARAMETER param1\n", "(line 3): unexpected EOF: param1"],
    ["a parameter without a value at EOF", "FROM foo\nPARAMETER param1", "(line 2): unexpected EOF"],
    ["a bad character in a parameter key", "FROM foo\nPARAMETER num-ctx 5", "(line 2): unexpected EOF: num"],
    ["an unterminated triple quote", '\nFROM foo\nSYSTEM """This is a multiline system.""\n\t\t\t', "(line 3): unexpected EOF"],
    ["an unterminated double quote", '\nFROM foo\nSYSTEM "\n\t\t\t', "(line 3): unexpected EOF"],
    ["text after a closing quote", 'FROM foo\nSYSTEM "hello" world\n', "(line 2): unexpected EOF"],
    ["line numbers count CRLF once", "FROM foo\r\n\r\nBAD x\r\n", `(line 3): ${INVALID_COMMAND}`],
  ];
  for (const [name, input, message] of cases) {
    test(name, () => assert.equal(errorOf(input), message));
  }
});

describe("parseModelfile: encodings", () => {
  const text = "FROM bob\nPARAMETER param1 1\nSYSTEM You are a utf16 file. 你好👋\n";
  const expected = [
    { kind: "from", value: "bob" },
    { kind: "parameter", key: "param1", value: "1" },
    { kind: "system", value: "You are a utf16 file. 你好👋" },
  ];

  function utf16(bigEndian: boolean): Uint8Array {
    const body = Buffer.from(text, "utf16le");
    if (bigEndian) body.swap16();
    return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
  }

  test("UTF-8 bytes", () => assert.deepEqual(commandsOf(Buffer.from(text)), expected));
  test("UTF-8 with a BOM", () => assert.deepEqual(commandsOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), expected));
  test("UTF-16 little endian with a BOM", () => assert.deepEqual(commandsOf(utf16(false)), expected));
  test("UTF-16 big endian with a BOM", () => assert.deepEqual(commandsOf(utf16(true)), expected));
});
