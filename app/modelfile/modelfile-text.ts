// Bytes of a Modelfile to text. Ollama decodes UTF-8 unless a byte-order mark
// says UTF-16 (unicode.BOMOverride), so files saved by Windows editors work.

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

export function decodeModelfile(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  // ignoreBOM keeps a second, literal U+FEFF as text, as Go's decoder does.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
}
