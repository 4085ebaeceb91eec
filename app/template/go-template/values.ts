// How JavaScript values stand in for Go values during execution.
//
//   undefined            an invalid reflect.Value (no data at all)
//   null                 nil (a nil interface, pointer, slice or map)
//   string, boolean      string, bool
//   bigint               int (template literals, len, range indexes)
//   number               float64, as encoding/json decodes numbers into `any`
//   array                []interface{}
//   plain object         map[string]interface{} (ranged and printed in sorted key order)
//   function             func (only usable with `call`)
//   GoStruct             a struct with exported fields in declaration order
//   GoNamed              a named slice or map type, e.g. one with a String() method
//
// Go types with methods that matter to templates (fmt.Stringer, json.Marshaler,
// struct tags) are described by a GoType attached to a GoStruct or GoNamed.

export interface GoType {
  /** Go type name used in messages, e.g. "*template.templateMessage". */
  readonly name: string;
  /** fmt.Stringer: what {{ . }}, print and %v/%s show for the value. */
  readonly string?: (value: GoStruct | GoNamed) => string;
  /** json.Marshaler: the exact JSON text the json function emits for the value. */
  readonly marshalJSON?: (value: GoStruct | GoNamed) => string;
  /** encoding/json struct tags by field name, e.g. { Items: "items,omitempty" }; untagged fields keep their Go name. */
  readonly jsonTags?: Readonly<Record<string, string>>;
  /** The value is a non-nil pointer to a struct: fmt prints it as &{…}. */
  readonly pointer?: boolean;
}

export class GoStruct {
  constructor(
    readonly type: GoType,
    /** Exported fields in declaration order; undefined fields count as nil. */
    readonly fields: Readonly<Record<string, unknown>>,
  ) {}
}

export class GoNamed {
  constructor(
    readonly type: GoType,
    readonly kind: "slice" | "map",
    /** null is a typed nil: it has length 0, prints as [] or map[], and marshals as null. */
    readonly value: readonly unknown[] | Readonly<Record<string, unknown>> | null,
  ) {}
}

/** A struct value; `type` may be a bare name when the struct has no methods or tags. */
export function goStruct(type: GoType | string, fields: Record<string, unknown>): GoStruct {
  return new GoStruct(typeof type === "string" ? { name: type } : type, fields);
}

/** A named slice type such as api.Tools; pass null for a typed nil slice. */
export function goSlice(type: GoType | string, items: readonly unknown[] | null): GoNamed {
  return new GoNamed(typeof type === "string" ? { name: type } : type, "slice", items);
}

/** A named map[string]T type such as template.templateArgs; pass null for a typed nil map. */
export function goMap(type: GoType | string, entries: Readonly<Record<string, unknown>> | null): GoNamed {
  return new GoNamed(typeof type === "string" ? { name: type } : type, "map", entries);
}

/** A Go int (JavaScript numbers are float64). */
export function goInt(n: number | bigint): bigint {
  return BigInt(n);
}

export type Kind = "invalid" | "nil" | "string" | "bool" | "int" | "float" | "slice" | "map" | "struct" | "func";

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  return !(v instanceof GoStruct) && !(v instanceof GoNamed);
}

export function kindOf(v: unknown): Kind {
  if (v === undefined) return "invalid";
  if (v === null) return "nil";
  switch (typeof v) {
    case "string": return "string";
    case "boolean": return "bool";
    case "bigint": return "int";
    case "number": return "float";
    case "function": return "func";
  }
  if (Array.isArray(v)) return "slice";
  if (v instanceof GoStruct) return "struct";
  if (v instanceof GoNamed) return v.kind;
  return "map";
}

/** Elements of a slice-kind value (a typed nil slice has none). */
export function sliceItems(v: unknown[] | GoNamed): readonly unknown[] {
  return Array.isArray(v) ? v : ((v.value as readonly unknown[] | null) ?? []);
}

/** Entries of a map-kind value (a typed nil map has none). */
export function mapRecord(v: unknown): Readonly<Record<string, unknown>> {
  if (v instanceof GoNamed) return (v.value as Record<string, unknown> | null) ?? {};
  return v as Record<string, unknown>;
}

/** Map keys in the order Go's fmt and range use. */
export function sortedKeys(record: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(record).sort();
}

/** A missing struct field or map value behaves as Go's nil. */
export function nilIfUndefined(v: unknown): unknown {
  return v === undefined ? null : v;
}

/** The Go type name of a value, as fmt's %T and error messages show it. */
export function typeName(v: unknown): string {
  if (v instanceof GoStruct || v instanceof GoNamed) return v.type.name;
  switch (kindOf(v)) {
    case "invalid":
    case "nil": return "<nil>";
    case "string": return "string";
    case "bool": return "bool";
    case "int": return "int";
    case "float": return "float64";
    case "slice": return "[]interface {}";
    case "map": return "map[string]interface {}";
    default: return "func()";
  }
}

/** Go's truth rule for if/with/and/or/not: the zero value of a type is false, structs are true. */
export function isTrue(v: unknown): boolean {
  switch (kindOf(v)) {
    case "invalid":
    case "nil": return false;
    case "string": return (v as string).length > 0;
    case "bool": return v as boolean;
    case "int": return v !== 0n;
    case "float": return v !== 0;
    case "slice": return sliceItems(v as unknown[] | GoNamed).length > 0;
    case "map": return Object.keys(mapRecord(v)).length > 0;
    default: return true;
  }
}
