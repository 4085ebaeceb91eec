export { decodeStdBase64 } from "../inference/std-base64.js";

/** Little-endian float32 bytes in base64, the `encoding_format: "base64"` of OpenAI embeddings. */
export function float32Base64(values: readonly number[]): string {
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString("base64");
}
