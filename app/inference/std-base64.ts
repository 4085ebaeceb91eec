const STD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes standard padded base64 as Go's StdEncoding does (line breaks ignored, anything else
 * malformed refused), returning undefined where Go would fail. Node's own decoder accepts anything.
 */
export function decodeStdBase64(text: string): Buffer | undefined {
  const clean = text.replace(/[\r\n]/g, "");
  if (clean.length % 4 !== 0 || !STD_BASE64.test(clean)) return undefined;
  return Buffer.from(clean, "base64");
}
