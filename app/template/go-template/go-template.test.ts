import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GoStruct, TemplateError, goInt, goMap, goSlice, goStruct, parseTemplate } from "./index.js";

interface Case {
  name: string;
  template: string;
  data?: unknown;
  want?: string;
  error?: string;
}

function run(template: string, data?: unknown): string {
  return parseTemplate(template).execute(data);
}

function check(c: Case): void {
  if (c.error !== undefined) {
    assert.throws(() => run(c.template, c.data), (e: unknown) => {
      assert.ok(e instanceof TemplateError, `expected TemplateError, got ${String(e)}`);
      assert.equal(e.message, c.error);
      return true;
    });
  } else {
    assert.equal(run(c.template, c.data), c.want);
  }
}

// Expected outputs and messages are what Go's text/template produces for the same
// template with the same data decoded from JSON (numbers are float64) and
// Option("missingkey=zero"), as Ollama runs it.
const GO_CASES: Case[] = [
  { name: "plain text", template: "hello, world", want: "hello, world" },
  { name: "field", template: "Hello {{ .Name }}!", data: {"Name": "Ada"}, want: "Hello Ada!" },
  { name: "nested fields", template: "{{ .A.B.C }}", data: {"A": {"B": {"C": "deep"}}}, want: "deep" },
  { name: "trim both sides", template: "a  \n {{- .X -}} \n  b", data: {"X": "-"}, want: "a-b" },
  { name: "trim needs a space", template: "{{-3}}|{{ -3 }}|{{- 3 -}}", want: "-3|-3|3" },
  { name: "comments vanish", template: "a {{/* note */}} b {{- /* trimmed */ -}} c", want: "a  bc" },
  { name: "raw strings and escapes", template: "{{ `a\\n` }}|{{ \"b\\tc\\u00e9\" }}|{{ 'x' }}", want: "a\\n|b\tcé|120" },
  { name: "number literals", template: "{{ 1_000 }} {{ 0x1F }} {{ 017 }} {{ 0b101 }} {{ 1.50 }} {{ 1e6 }} {{ -2 }}", want: "1000 31 15 5 1.5 1e+06 -2" },
  { name: "bool and nil args", template: "{{ print true false nil }}", want: "true false <nil>" },
  { name: "pipeline passes the last argument", template: "{{ .S | printf \"%s!\" }} {{ \"b\" | printf \"%s%s\" \"a\" }}", data: {"S": "hi"}, want: "hi! ab" },
  { name: "parenthesized pipeline and chain", template: "{{ (index .L 1).Name }} {{ len (slice .L 1) }}", data: {"L": [{"Name": "a"}, {"Name": "b"}]}, want: "b 1" },
  { name: "if else if else", template: "{{ if .A }}a{{ else if .B }}b{{ else }}c{{ end }}", data: {"B": [0]}, want: "b" },
  { name: "truthiness of zero values", template: "{{ if \"\" }}1{{ end }}{{ if 0 }}2{{ end }}{{ if 0.0 }}3{{ end }}{{ if .E }}4{{ end }}{{ if .M }}5{{ end }}{{ if .N }}6{{ end }}{{ if false }}7{{ end }}{{ if .T }}ok{{ end }}", data: {"E": [], "M": {}, "N": null, "T": [0]}, want: "ok" },
  { name: "with sets dot, else runs on false", template: "{{ with .A }}[{{ . }}]{{ else }}none{{ end }} {{ with .B }}[{{ . }}]{{ else }}none{{ end }}", data: {"A": "x", "B": ""}, want: "[x] none" },
  { name: "range over a slice with index", template: "{{ range $i, $e := .L }}{{ $i }}:{{ $e }} {{ end }}", data: {"L": ["a", "b", "c"]}, want: "0:a 1:b 2:c " },
  { name: "range element only", template: "{{ range $e := .L }}<{{ $e }}>{{ end }}{{ range .L }}({{ . }}){{ end }}", data: {"L": ["a", "b"]}, want: "<a><b>(a)(b)" },
  { name: "range over a map in key order", template: "{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}", data: {"b": 2, "a": 1, "c": 3}, want: "a=1;b=2;c=3;" },
  { name: "range else on empty and nil", template: "{{ range .E }}x{{ else }}empty{{ end }} {{ range .Missing }}x{{ else }}nil{{ end }}", data: {"E": []}, want: "empty nil" },
  { name: "break and continue", template: "{{ range $i, $e := .L }}{{ if eq $e \"b\" }}{{ continue }}{{ end }}{{ if eq $e \"d\" }}{{ break }}{{ end }}{{ $e }}{{ end }}", data: {"L": ["a", "b", "c", "d", "e"]}, want: "ac" },
  { name: "$ is the data inside range", template: "{{ range .L }}{{ . }}{{ $.Sep }}{{ end }}", data: {"L": ["a", "b"], "Sep": ","}, want: "a,b," },
  { name: "variables declare, assign and scope", template: "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ $y }}{{ end }}{{ $x }}", want: "32" },
  { name: "range assigns to existing variables", template: "{{ $i := 0 }}{{ $e := \"\" }}{{ range $i, $e = .L }}{{ end }}{{ $i }}{{ $e }}", data: {"L": ["a", "b"]}, want: "1b" },
  { name: "define, template and block", template: "{{ define \"T\" }}<{{ . }}>{{ end }}{{ template \"T\" .A }}{{ template \"T\" }}{{ block \"B\" .B }}[{{ . }}]{{ end }}", data: {"A": 1, "B": "b"}, want: "<1><<no value>>[b]" },
  { name: "templates see only $ of their own", template: "{{ define \"T\" }}{{ $ }}{{ end }}{{ $x := 5 }}{{ template \"T\" \"arg\" }}", want: "arg" },
  { name: "and/or return operands", template: "{{ and 1 0 2 }}|{{ and 1 2 }}|{{ or 0 \"\" \"x\" }}|{{ or 0 \"\" }}|{{ not 0 }}|{{ not \"a\" }}", want: "0|2|x||true|false" },
  { name: "and short-circuits", template: "{{ if and .A (index .A 0) }}yes{{ else }}no{{ end }}", data: {"A": []}, want: "no" },
  { name: "comparisons", template: "{{ eq 1 1 }} {{ eq 2 1 3 2 }} {{ ne \"a\" \"b\" }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 0.5 }} {{ ge \"b\" \"a\" }} {{ lt \"a\" \"b\" }}", want: "true true true true true true true true" },
  { name: "int comparisons across len and literals", template: "{{ eq (len .L) 2 }} {{ gt (len .L) 1 }} {{ lt (len .S) 3 }}", data: {"L": [1, 2], "S": "héllo"}, want: "true true false" },
  { name: "eq with a missing value is false", template: "{{ eq .Missing \"a\" }} {{ eq .Missing nil }}", data: {}, want: "false true" },
  { name: "len counts bytes, elements and keys", template: "{{ len .S }} {{ len .L }} {{ len .M }}", data: {"S": "héllo", "L": [1, 2, 3], "M": {"a": 1}}, want: "6 3 1" },
  { name: "index slices, maps and strings", template: "{{ index .L 1 }} {{ index .M \"k\" }} {{ index .M \"nope\" }} {{ index .S 1 }} {{ index .N 0 1 }}", data: {"L": ["a", "b"], "M": {"k": "v"}, "S": "abc", "N": [[1, 2]]}, want: "b v <no value> 98 2" },
  { name: "slice slices and strings", template: "{{ slice .L 1 }} {{ slice .L 1 2 }} {{ slice .L }} {{ slice .S 1 3 }}", data: {"L": ["a", "b", "c"], "S": "abcd"}, want: "[b c] [b] [a b c] bc" },
  { name: "missing keys print <no value>", template: "{{ .Missing }}|{{ .M.Missing }}|{{ print .Missing }}|{{ printf \"%v\" .Missing }}|{{ html .Missing }}|{{ json .Missing }}", data: {"M": {}}, want: "<no value>|<no value>|<nil>|<nil>|&lt;no value&gt;|null" },
  { name: "missing key through a variable is not an error", template: "{{ $x := .Missing }}{{ $x.Field }}", data: {}, want: "<no value>" },
  { name: "printing maps and slices", template: "{{ . }}", data: {"m": {"b": [1, "x", true, null], "a": 1.5}}, want: "map[m:map[a:1.5 b:[1 x true <nil>]]]" },
  { name: "printf verbs", template: "{{ printf \"%s|%d|%5.2f|%q|%v|%t|%x|%05d|%-4s|%3s|%%\" \"a\" 42 3.14159 \"q\\\"\" .L true \"hi\" 7 \"ab\" \"é\" }}", data: {"L": [1, "x"]}, want: "a|42| 3.14|\"q\\\"\"|[1 x]|true|6869|00007|ab  |  é|%" },
  { name: "printf float and int formats", template: "{{ printf \"%v %v %v %v %g %e %.0f %.1f %+d %x %c %U\" 1.5 100000.0 1000000.0 0.00001 1e21 1234.5678 2.5 0.25 3 255 65 128512 }}", want: "1.5 100000 1e+06 1e-05 1e+21 1.234568e+03 2 0.2 +3 ff A U+1F600" },
  { name: "printf argument errors", template: "{{ printf \"%d %s\" 1.5 2 }}|{{ printf \"%d\" }}|{{ printf \"%d\" 1 \"x\" }}", want: "%!d(float64=1.5) %!s(int=2)|%!d(MISSING)|1%!(EXTRA string=x)" },
  { name: "print and println spacing", template: "{{ print 1 2 \"a\" \"b\" 3 }}|{{ println \"a\" 1 }}|", want: "1 2ab3|a 1\n|" },
  { name: "html, js and urlquery", template: "{{ html \"<a href='x'>&\\\"\" }}|{{ js \"it's <b>=\\n\" }}|{{ urlquery \"a b&c=é\" }}", want: "&lt;a href=&#39;x&#39;&gt;&amp;&#34;|it\\'s \\u003Cb\\u003E\\u003D\\u000A|a+b%26c%3D%C3%A9" },
  { name: "json is compact and HTML-safe", template: "{{ json . }}", data: {"s": "<tag> & \"q\"\n", "n": [1, 1.5, 1e+21, 1e-07], "z": null, "o": {"z": 1, "a": true}}, want: "{\"n\":[1,1.5,1e+21,1e-7],\"o\":{\"a\":true,\"z\":1},\"s\":\"\\u003ctag\\u003e \\u0026 \\\"q\\\"\\n\",\"z\":null}" },
  { name: "toTypeScriptType of a plain map is any", template: "{{ toTypeScriptType . }}", data: {"type": "string"}, want: "any" },
  { name: "error: unclosed action", template: "{{ .Prompt ", error: "template: :1: unclosed action" },
  { name: "error: bad operand", template: "{{ .Foo }", error: "template: :1: unexpected \"}\" in operand" },
  { name: "error: unknown function", template: "{{ foo . }}", error: "template: :1: function \"foo\" not defined" },
  { name: "error: missing end", template: "{{ if .X }}x", error: "template: :1: unexpected EOF" },
  { name: "error: stray end", template: "a{{ end }}", error: "template: :1: unexpected {{end}}" },
  { name: "error: undefined variable", template: "{{ $x }}", error: "template: :1: undefined variable \"$x\"" },
  { name: "error: unterminated string", template: "{{ \"abc }}", error: "template: :1: unterminated quoted string" },
  { name: "error: break outside range", template: "{{ break }}", error: "template: :1: {{break}} outside {{range}}" },
  { name: "error: empty action", template: "{{ }}", error: "template: :1: missing value for command" },
  { name: "error: unclosed comment", template: "{{/* x", error: "template: :1: unclosed comment" },
  { name: "error: line numbers count newlines", template: "line1\nline2 {{ if .x }}\nline3\n", error: "template: :4: unexpected EOF" },
  { name: "error: field of a string", template: "{{ .S.Len }}", data: {"S": "str"}, error: "template: :1:5: executing \"\" at <.S.Len>: can't evaluate field Len in type interface {}" },
  { name: "error: field of nil", template: "{{ .N.X }}", data: {"N": null}, error: "template: :1:5: executing \"\" at <.N.X>: nil pointer evaluating interface {}.X" },
  { name: "error: incompatible comparison", template: "{{ eq .F 1 }}", data: {"F": 1}, error: "template: :1:3: executing \"\" at <eq .F 1>: error calling eq: incompatible types for comparison: float64 and int" },
  { name: "error: index out of range", template: "{{ index .L 5 }}", data: {"L": [1, 2]}, error: "template: :1:3: executing \"\" at <index .L 5>: error calling index: index out of range: 5" },
  { name: "error: wrong argument count", template: "{{ len }}", error: "template: :1:3: executing \"\" at <len>: wrong number of args for len: want 1 got 0" },
  { name: "error: len of a number", template: "{{ len 3 }}", error: "template: :1:3: executing \"\" at <len 3>: error calling len: len of type int" },
  { name: "error: range over a float", template: "{{ range 1.5 }}{{ end }}", error: "template: :1:9: executing \"\" at <1.5>: range can't iterate over 1.5" },
  { name: "error: undefined template", template: "{{ template \"nope\" }}", error: "template: :1:12: executing \"\" at <{{template \"nope\"}}>: template \"nope\" not defined" },
  { name: "error: argument to a non-function", template: "{{ .S 1 }}", data: {"S": "x"}, error: "template: :1:3: executing \"\" at <.S>: S is not a method but has arguments" },
];

// Features of newer Go releases (range over int: 1.22, else with: 1.23,
// \b and \f in JSON: 1.22) and the typed-value wrappers.
const MORE_CASES: Case[] = [
  { name: "range over an int", template: "{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}|{{ range 0 }}x{{ else }}none{{ end }}", want: "012|01|none" },
  {
    name: "range over an int takes one variable",
    template: "{{ range $i, $e := 3 }}{{ end }}",
    error: 'template: :1:19: executing "" at <3>: can\'t use 3 to iterate over more than one variable',
  },
  { name: "else with", template: "{{ with .A }}a{{ else with .B }}b={{ . }}{{ else }}c{{ end }}", data: { B: "x" }, want: "b=x" },
  { name: "json short escapes", template: "{{ json . }}", data: "\b\f\u0001\u2028", want: '"\\b\\f\\u0001\\u2028"' },
  { name: "ints from data compare with int literals", template: "{{ eq .N 3 }} {{ lt .N 4 }} {{ printf \"%d\" .N }}", data: { N: goInt(3) }, want: "true true 3" },
  {
    name: "a float from data does not compare with an int literal",
    template: "{{ lt .N 4 }}",
    data: { N: 3 },
    error: 'template: :1:3: executing "" at <lt .N 4>: error calling lt: incompatible types for comparison: float64 and int',
  },
  { name: "call invokes a function from the data", template: "{{ call .Double 21 }}", data: { Double: (n: bigint) => n * 2n }, want: "42" },
  {
    name: "template recursion is bounded",
    template: '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}',
    error: 'template: :1:28: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100)',
  },
];

describe("go-template: parse and execute", () => {
  for (const c of [...GO_CASES, ...MORE_CASES]) it(c.name, () => check(c));
});

describe("go-template: Go-typed values", () => {
  const point = goStruct("main.Point", { X: goInt(1), Y: 2.5, Label: "p", Tags: goSlice("[]string", null) });

  it("reads struct fields and prints structs with %v and %+v", () => {
    assert.equal(run("{{ .X }} {{ .Label }} {{ . }}", point), "1 p {1 2.5 p []}");
    assert.equal(run('{{ printf "%+v" . }}', point), "{X:1 Y:2.5 Label:p Tags:[]}");
  });

  it("reports unknown struct fields with the Go type name", () => {
    assert.throws(() => run("{{ .Z }}", point), {
      message: 'template: :1:3: executing "" at <.Z>: can\'t evaluate field Z in type main.Point',
    });
  });

  it("treats a typed nil slice as empty and marshals it as null", () => {
    assert.equal(run("{{ len .Tags }}|{{ if .Tags }}x{{ end }}|{{ range .Tags }}x{{ else }}none{{ end }}|{{ json .Tags }}", point), "0||none|null");
  });

  it("uses a String() method for printing and json tags for marshalling", () => {
    const args = goMap({ name: "main.Args", string: () => "ARGS" }, { b: 1, a: "x" });
    const call = new GoStruct(
      { name: "main.Call", jsonTags: { Name: "name", Args: "arguments", Skip: "-", Empty: "empty,omitempty" } },
      { Name: "f", Args: args, Skip: "hidden", Empty: "" },
    );
    assert.equal(run("{{ .Args }} {{ . }} {{ range $k, $v := .Args }}{{ $k }}={{ $v }},{{ end }}", call), "ARGS {f ARGS hidden } a=x,b=1,");
    assert.equal(run("{{ json . }}", call), '{"name":"f","arguments":{"a":"x","b":1}}');
  });

  it("prints a pointer struct without & in an action but with & through fmt", () => {
    const message = new GoStruct({ name: "*main.Message", pointer: true }, { Role: "user" });
    assert.equal(run("{{ . }} {{ print . }}", message), "{user} &{user}");
  });
});

describe("go-template: errors", () => {
  it("throws TemplateError for parse errors with Go's wording", () => {
    assert.throws(() => parseTemplate("{{ .Foo }"), TemplateError);
    assert.throws(() => parseTemplate("{{ range .X }}{{ else if .Y }}{{ end }}"), {
      message: 'template: :1: unexpected <if> in input',
    });
    assert.throws(() => parseTemplate('{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}'), {
      message: 'template: :1: template: multiple definition of template "a"',
    });
  });

  it("keeps the source text", () => {
    assert.equal(parseTemplate("{{ .Prompt }}").source, "{{ .Prompt }}");
  });
});
