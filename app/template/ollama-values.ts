// The Go values Ollama hands to model templates (template/template.go
// templateMessage, templateTool, … and api.ToolProperty), rebuilt from the API's
// JSON shapes so that field access, printing and `json` behave as in Ollama.

import {
  GoNamed, GoStruct, TOOL_PROPERTY_TYPE, goInt, goSlice, marshalJson, type GoType,
} from "./go-template/index.js";
import type { ChatMessage, Tool, ToolCall } from "./chat-prompt.js";

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const stringList = (v: Json): string[] | null =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : null;
const asString = (v: Json): string => (typeof v === "string" ? v : "");
const orNil = (v: Json): Json => (v === undefined ? null : v);

/** A String() method that prints the value's JSON, which Ollama gives its tool types. */
const printsJson = (value: GoStruct | GoNamed) => marshalJson(value);
/** Like printsJson, but a nil map prints as {} (templateArgs, templateProperties). */
const printsJsonObject = (value: GoStruct | GoNamed) =>
  value instanceof GoNamed && value.value === null ? "{}" : marshalJson(value);

// ---- api.ToolProperty ----

const PROPERTY_TYPE: GoType = {
  name: "api.PropertyType",
  string: (v) => {
    const types = ((v as GoNamed).value ?? []) as string[];
    return types.length === 1 ? types[0] : types.length === 0 ? "" : `[${types.join(" ")}]`;
  },
  marshalJSON: (v) => {
    const types = (v as GoNamed).value as string[] | null;
    return types?.length === 1 ? marshalJson(types[0]) : marshalJson(types);
  },
};

const TOOL_PROPERTY: GoType = {
  name: TOOL_PROPERTY_TYPE,
  jsonTags: {
    AnyOf: "anyOf,omitempty",
    Type: "type,omitempty",
    Items: "items,omitempty",
    Description: "description,omitempty",
    Enum: "enum,omitempty",
    Properties: "properties,omitempty",
    Required: "required,omitempty",
  },
};

/** *api.ToolPropertiesMap keeps nested properties in request order when marshalled. */
function orderedProperties(schema: Record<string, Json>): GoStruct {
  const entries = Object.entries(schema).map(([name, p]) => [name, toolProperty(p)] as const);
  return new GoStruct(
    {
      name: "*api.ToolPropertiesMap",
      pointer: true,
      marshalJSON: () => `{${entries.map(([k, v]) => `${marshalJson(k)}:${marshalJson(v)}`).join(",")}}`,
    },
    {},
  );
}

/** Decodes a JSON schema node the way json.Unmarshal fills api.ToolProperty (unknown keys are dropped). */
export function toolProperty(schema: Json): GoStruct {
  const s = isObject(schema) ? schema : {};
  const type = typeof s.type === "string" ? [s.type] : stringList(s.type);
  return new GoStruct(TOOL_PROPERTY, {
    AnyOf: Array.isArray(s.anyOf) ? s.anyOf.map(toolProperty) : goSlice("[]api.ToolProperty", null),
    Type: new GoNamed(PROPERTY_TYPE, "slice", type),
    Items: orNil(s.items),
    Description: asString(s.description),
    Enum: Array.isArray(s.enum) ? s.enum : goSlice("[]interface {}", null),
    Properties: isObject(s.properties) ? orderedProperties(s.properties) : null,
    Required: stringList(s.required) ?? goSlice("[]string", null),
  });
}

// ---- tools ----

const TEMPLATE_TOOLS: GoType = { name: "template.templateTools", string: printsJson };
const TEMPLATE_TOOL: GoType = {
  name: "template.templateTool",
  string: printsJson,
  jsonTags: { Type: "type", Items: "items,omitempty", Function: "function" },
};
// Ollama HEAD gives these two no String() method, so {{ .Function }} would print Go's
// struct syntax; older Ollama (api.ToolFunction) printed JSON, which is what tool
// templates such as qwen2.5's were written for, so they print JSON here.
const TEMPLATE_TOOL_FUNCTION: GoType = {
  name: "template.templateToolFunction",
  string: printsJson,
  jsonTags: { Name: "name", Description: "description", Parameters: "parameters" },
};
const TEMPLATE_TOOL_PARAMETERS: GoType = {
  name: "template.templateToolFunctionParameters",
  string: printsJson,
  jsonTags: {
    Type: "type",
    Defs: "$defs,omitempty",
    Items: "items,omitempty",
    Required: "required,omitempty",
    Properties: "properties",
  },
};
const TEMPLATE_PROPERTIES: GoType = { name: "template.templateProperties", string: printsJsonObject };

function toolValue(tool: Tool & { items?: Json }): GoStruct {
  const fn = isObject(tool.function) ? tool.function : { name: "" };
  const params: Record<string, Json> = isObject(fn.parameters) ? fn.parameters : {};
  const properties = isObject(params.properties)
    ? Object.fromEntries(Object.entries(params.properties).map(([k, v]) => [k, toolProperty(v)]))
    : null;
  return new GoStruct(TEMPLATE_TOOL, {
    Type: asString(tool.type),
    Items: orNil(tool.items),
    Function: new GoStruct(TEMPLATE_TOOL_FUNCTION, {
      Name: asString(fn.name),
      Description: asString(fn.description),
      Parameters: new GoStruct(TEMPLATE_TOOL_PARAMETERS, {
        Type: asString(params.type),
        Defs: orNil(params.$defs),
        Items: orNil(params.items),
        Required: stringList(params.required) ?? goSlice("[]string", null),
        Properties: new GoNamed(TEMPLATE_PROPERTIES, "map", properties),
      }),
    }),
  });
}

/** `.Tools`: nil when the request had no tools, as in Ollama. */
export function toolsValue(tools: readonly Tool[] | undefined): GoNamed {
  return new GoNamed(TEMPLATE_TOOLS, "slice", tools ? tools.map(toolValue) : null);
}

// ---- messages ----

const TEMPLATE_MESSAGES: GoType = { name: "[]*template.templateMessage" };
const TEMPLATE_MESSAGE: GoType = { name: "*template.templateMessage", pointer: true };
const TEMPLATE_TOOL_CALL: GoType = { name: "template.templateToolCall" };
const TEMPLATE_TOOL_CALL_FUNCTION: GoType = { name: "template.templateToolCallFunction" };
const TEMPLATE_ARGS: GoType = { name: "template.templateArgs", string: printsJsonObject };

function toolCallValue(call: ToolCall): GoStruct {
  const fn = call.function;
  return new GoStruct(TEMPLATE_TOOL_CALL, {
    ID: call.id ?? "",
    Function: new GoStruct(TEMPLATE_TOOL_CALL_FUNCTION, {
      Index: goInt(fn.index ?? 0),
      Name: fn.name,
      Arguments: new GoNamed(TEMPLATE_ARGS, "map", isObject(fn.arguments) ? fn.arguments : null),
    }),
  });
}

function messageValue(message: ChatMessage): GoStruct {
  const calls = message.tool_calls?.length ? message.tool_calls.map(toolCallValue) : null;
  return new GoStruct(TEMPLATE_MESSAGE, {
    Role: message.role ?? "",
    Content: message.content ?? "",
    Thinking: message.thinking ?? "",
    // api.ImageData is []byte; the base64 text stands in for it (it marshals identically).
    Images: goSlice("[]api.ImageData", message.images?.length ? message.images : null),
    ToolCalls: goSlice("[]template.templateToolCall", calls),
    ToolName: message.tool_name ?? "",
    ToolCallID: message.tool_call_id ?? "",
  });
}

/** `.Messages`: nil when there are no messages, as in Ollama. */
export function messagesValue(messages: readonly ChatMessage[]): GoNamed {
  return new GoNamed(TEMPLATE_MESSAGES, "slice", messages.length ? messages.map(messageValue) : null);
}
