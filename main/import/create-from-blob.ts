import { errorText } from "./blob-upload.js";

/**
 * Creates a model from an uploaded GGUF blob (POST /api/create with files, as `ollama create` sends it) and
 * passes on each status line the engine streams. The stream reports failures as an {"error"} line.
 */
export async function createFromBlob(engineUrl: string, model: string, fileName: string, digest: string, onStatus: (status: string) => void = () => {}): Promise<void> {
  const reply = await fetch(`${engineUrl}/api/create`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model, files: { [fileName]: digest }, stream: true }),
  });
  if (!reply.ok || !reply.body) throw new Error(`creating ${model} failed: ${errorText(await reply.text()) || `HTTP ${reply.status}`}`);
  const decoder = new TextDecoder();
  let buffered = "";
  let succeeded = false;
  const handleLine = (line: string) => {
    if (!line.trim()) return;
    const message = JSON.parse(line) as { status?: unknown; error?: unknown };
    if (typeof message.error === "string") throw new Error(`creating ${model} failed: ${message.error}`);
    if (typeof message.status === "string") {
      if (message.status === "success") succeeded = true;
      onStatus(message.status);
    }
  };
  for await (const chunk of reply.body) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    lines.forEach(handleLine);
  }
  handleLine(buffered + decoder.decode());
  if (!succeeded) throw new Error(`creating ${model} failed: the engine stopped before it finished`);
}
