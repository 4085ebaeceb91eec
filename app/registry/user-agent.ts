import { PADDOCK_VERSION } from "../engine/version.js";

const GO_ARCH: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
const GO_OS: Record<string, string> = { win32: "windows", darwin: "darwin", linux: "linux" };

/**
 * Registries see the shape Ollama sends, `ollama/<version> (<goarch> <goos>) Go/<goversion>` (§13), with
 * the runtime named honestly; some registries read the version and architecture from it.
 */
export function registryUserAgent(): string {
  const arch = GO_ARCH[process.arch] ?? process.arch;
  const os = GO_OS[process.platform] ?? process.platform;
  return `ollama/${PADDOCK_VERSION} (${arch} ${os}) Paddock/${PADDOCK_VERSION} Node/${process.version}`;
}
