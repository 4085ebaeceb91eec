import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cutAfterResponseField, parseTemplate, thinkingTags, withResponseAppended } from "./index.js";

describe("usesField (Ollama's Template.Vars)", () => {
  // Cases from Ollama's template TestParse (its lists also contain "response",
  // which Ollama's Parse appends; that happens at render time here).
  const cases: Array<[string, string[]]> = [
    ["{{ .Prompt }}", ["prompt"]],
    ["{{ .System }} {{ .Prompt }}", ["prompt", "system"]],
    ["{{ .System }} {{ .Prompt }} {{ .Response }}", ["prompt", "response", "system"]],
    ["{{ with .Tools }}{{ . }}{{ end }} {{ .System }} {{ .Prompt }}", ["prompt", "system", "tools"]],
    ["{{ range .Messages }}{{ .Role }} {{ .Content }}{{ end }}", ["content", "messages", "role"]],
    [
      '{{ range .Messages }}{{ if eq .Role "tool" }}Tool Result: {{ .ToolName }} {{ .Content }}{{ end }}{{ end }}',
      ["content", "messages", "role", "toolname"],
    ],
  ];
  const all = ["content", "messages", "prompt", "response", "role", "system", "toolname", "tools", "suffix"];
  for (const [source, used] of cases) {
    it(source, () => {
      const template = parseTemplate(source);
      for (const name of all) assert.equal(template.usesField(name), used.includes(name), name);
    });
  }

  it("is case-insensitive and sees $-paths and defined templates", () => {
    const template = parseTemplate('{{ define "t" }}{{ .Suffix }}{{ end }}{{ range $.Messages }}{{ end }}');
    assert.ok(template.usesField("Messages"));
    assert.ok(template.usesField("suffix"));
    assert.ok(!template.usesField("Tools"));
  });
});

describe("thinkingTags (Ollama's thinking.InferTags)", () => {
  const basic = `
			{{ if .Thinking}}
				/think
			{{ end }}
			{{- range $i, $_ := .Messages }}
				{{- $last := eq (len (slice $.Messages $i)) 1 -}}
				{{ if and $last .Thinking }}
					<think>{{ .Thinking }}</think>
				{{ end }}
			{{ end }}
		`;

  it("finds the text around .Thinking inside range .Messages", () => {
    assert.deepEqual(thinkingTags(parseTemplate(basic)), { opening: "<think>", closing: "</think>" });
  });

  it("ignores .Thinking when the nearest range is not over .Messages", () => {
    const nested = `{{- range $i, $_ := .Messages }}{{- range $j, $_ := .NotMessages }}{{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}{{ end }}{{ end }}`;
    assert.deepEqual(thinkingTags(parseTemplate(nested)), { opening: "", closing: "" });
  });

  it("trims whitespace from the tags", () => {
    const template = `{{- range .Messages }}{{ if .Thinking }}
  Some text before   {{ .Thinking }}    Some text after
{{ end }}{{ end }}`;
    assert.deepEqual(thinkingTags(parseTemplate(template)), { opening: "Some text before", closing: "Some text after" });
  });

  it("finds nothing in a template without thinking", () => {
    assert.deepEqual(thinkingTags(parseTemplate("{{ range .Messages }}{{ .Content }}{{ end }}")), { opening: "", closing: "" });
  });
});

describe("Ollama's tree rewrites", () => {
  it("cuts the template after its first {{ .Response }}", () => {
    const template = parseTemplate("[{{ .Prompt }}] {{ .Response }}</s>{{ if .X }}x{{ end }}");
    assert.equal(cutAfterResponseField(template).execute({ Prompt: "p", Response: "r", X: true }), "[p] r");
  });

  it("keeps the parts of a pipeline before the cut", () => {
    const template = parseTemplate("{{ if .Prompt }}P:{{ .Prompt }}{{ end }}A:{{ .Response }}{{ .Prompt }}");
    assert.equal(cutAfterResponseField(template).execute({ Prompt: "p", Response: "" }), "P:pA:");
  });

  it("appends {{ .Response }} for legacy templates", () => {
    const template = withResponseAppended(parseTemplate("Q: {{ .Prompt }} A: "));
    assert.equal(template.execute({ Prompt: "p", Response: "r" }), "Q: p A: r");
    assert.ok(template.usesField("Response"));
  });
});
