import { namespaceModel, type ModelName } from "../names/model-name.js";

/**
 * Where a model's registry answers. Ollama re-parses the short name before pulling, so a scheme written in
 * the name is dropped and https is used unless `insecure` asks for plain http (§8.5). A host listed in
 * `registryHosts` is answered by that base URL instead (tests, mirrors); `insecure` still forces http.
 */
export function registryBase(name: ModelName, insecure: boolean, registryHosts: Record<string, string> = {}): URL {
  const override = registryHosts[name.host.toLowerCase()] ?? registryHosts[name.host];
  const base = new URL(override ?? `https://${name.host}`);
  if (insecure) base.protocol = "http:";
  base.pathname = base.pathname.replace(/\/+$/, "");
  return base;
}

function registryPath(base: URL, ...parts: string[]): URL {
  const url = new URL(base.href);
  url.pathname = [base.pathname, "v2", ...parts].join("/").replace(/\/{2,}/g, "/");
  return url;
}

export function manifestUrl(base: URL, name: ModelName): URL {
  return registryPath(base, namespaceModel(name), "manifests", name.tag);
}

export function blobUrl(base: URL, name: ModelName, digest: string): URL {
  return registryPath(base, namespaceModel(name), "blobs", digest);
}

/** The trailing slash matters: Ollama posts to ".../blobs/uploads/". */
export function uploadsUrl(base: URL, name: ModelName): URL {
  const url = registryPath(base, namespaceModel(name), "blobs", "uploads");
  url.pathname += "/";
  return url;
}
