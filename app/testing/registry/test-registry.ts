import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { MEDIA_TYPES } from "../../store/manifest.js";
import { blobFromBytes, type RegistryBlob } from "./registry-blobs.js";
import { defaultByteModes, serveBytes, type ByteModes } from "./serve-bytes.js";

/** How blob GETs on the registry answer. */
export type RedirectMode =
  /** 307 to the byte server under another host name (localhost), as registry.ollama.ai and hf.co do. */
  | "cross-host"
  /** 307 to a path on the registry's own host, which then 307s across hosts: the client must follow the first. */
  | "same-host-hop"
  /** 200 with the bytes from the registry itself (and 206 for ranges): a plain registry. */
  | "direct";

export interface RegistryModes extends ByteModes {
  redirect: RedirectMode;
  /** When set, /v2 requests need `Authorization: Bearer <token>`; the realm hands it out. */
  auth?: { token: string; realmHost?: string };
}

export interface LoggedRequest {
  server: "registry" | "bytes";
  method: string;
  /** Path and query as requested. */
  path: string;
  range?: string;
  accept?: string;
  authorization?: string;
  userAgent?: string;
  status: number;
}

export interface PublishedLayer {
  mediaType: string;
  data: Buffer | string;
}

export interface PublishedModel {
  manifest: { schemaVersion: number; mediaType: string; config: LayerRef; layers: LayerRef[] };
  raw: Buffer;
  blobs: RegistryBlob[];
}

interface LayerRef {
  mediaType: string;
  digest: string;
  size: number;
}

interface UploadSession {
  repository: string;
  chunks: Buffer[];
  size: number;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: Server, host: string, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * A registry speaking Ollama's pull and push protocol (§13, §8.6) on loopback, for tests and benchmarks.
 * It is addressed as 127.0.0.1; blob bytes come from a second server addressed as localhost, so the
 * client meets the cross-host redirect it meets on the real registry. Every request is logged.
 */
export class TestRegistry {
  readonly modes: RegistryModes = { ...defaultByteModes(), redirect: "cross-host" };
  readonly log: LoggedRequest[] = [];
  readonly blobs = new Map<string, RegistryBlob>();
  /** "namespace/model:tag" → the manifest bytes. */
  readonly manifests = new Map<string, Buffer>();
  /** Which repositories hold which blobs: HEAD and GET answer per repository, as real registries do. */
  private readonly links = new Map<string, Set<string>>();
  private readonly uploads = new Map<string, UploadSession>();
  private readonly servers: Server[] = [];
  private registryPort = 0;
  private bytesPort = 0;

  static async start(modes: Partial<RegistryModes> = {}): Promise<TestRegistry> {
    const registry = new TestRegistry();
    Object.assign(registry.modes, modes);
    const main = createServer((req, res) => void registry.handleRegistry(req, res));
    registry.registryPort = await listen(main, "127.0.0.1");
    const bytes = createServer((req, res) => void registry.handleBytes(req, res));
    registry.bytesPort = await listen(bytes, "127.0.0.1");
    registry.servers.push(main, bytes);
    // localhost may resolve to ::1 first; answer there too when the machine has IPv6.
    const bytes6 = createServer((req, res) => void registry.handleBytes(req, res));
    if (await listen(bytes6, "::1", registry.bytesPort).then(() => true, () => false)) registry.servers.push(bytes6);
    return registry;
  }

  /** "127.0.0.1:<port>": the host part of model names on this registry. */
  get host(): string {
    return `127.0.0.1:${this.registryPort}`;
  }

  get url(): string {
    return `http://${this.host}`;
  }

  get bytesUrl(): string {
    return `http://localhost:${this.bytesPort}`;
  }

  /** The requests whose path is about one blob (registry GET/HEAD and byte server GETs). */
  requestsFor(digest: string): LoggedRequest[] {
    return this.log.filter((entry) => entry.path.includes(digest) || entry.path.includes(digest.replace(":", "-")));
  }

  addBlob(blob: RegistryBlob, repository?: string): RegistryBlob {
    this.blobs.set(blob.digest, blob);
    if (repository) this.link(repository, blob.digest);
    return blob;
  }

  private link(repository: string, digest: string): void {
    let linked = this.links.get(repository);
    if (!linked) this.links.set(repository, (linked = new Set()));
    linked.add(digest);
  }

  private linked(repository: string, digest: string): RegistryBlob | undefined {
    return this.links.get(repository)?.has(digest) ? this.blobs.get(digest) : undefined;
  }

  /**
   * Publishes "namespace/model:tag" from layers and a config object. The manifest is pretty-printed on
   * purpose: clients must store the bytes as sent, not re-encode them.
   */
  publish(reference: string, layers: Array<PublishedLayer | RegistryBlob & { mediaType: string }>, config: object = {}): PublishedModel {
    const repository = reference.slice(0, reference.lastIndexOf(":"));
    const blobs: RegistryBlob[] = [];
    const refs: LayerRef[] = layers.map((layer) => {
      const blob = "digest" in layer ? layer : blobFromBytes(layer.data);
      blobs.push(this.addBlob(blob, repository));
      return { mediaType: layer.mediaType, digest: blob.digest, size: blob.size };
    });
    const configBlob = this.addBlob(blobFromBytes(JSON.stringify({ model_format: "gguf", architecture: "amd64", os: "linux", ...config })), repository);
    blobs.push(configBlob);
    const manifest = {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.manifest,
      config: { mediaType: MEDIA_TYPES.config, digest: configBlob.digest, size: configBlob.size },
      layers: refs,
    };
    const raw = Buffer.from(JSON.stringify(manifest, null, 2));
    this.manifests.set(reference, raw);
    return { manifest, raw, blobs };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  private record(server: LoggedRequest["server"], req: IncomingMessage, status: number): void {
    this.log.push({
      server,
      method: req.method ?? "",
      path: req.url ?? "",
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers["user-agent"] ? { userAgent: req.headers["user-agent"] } : {}),
      status,
    });
  }

  private reply(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | number> = {}, body?: string | Buffer): void {
    this.record("registry", req, status);
    res.writeHead(status, headers).end(req.method === "HEAD" ? undefined : body);
  }

  private async handleBytes(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const digest = /^\/blobs\/(sha256:[0-9a-f]{64})$/.exec(new URL(req.url ?? "/", "http://x").pathname)?.[1];
    const blob = digest ? this.blobs.get(digest) : undefined;
    if (!blob) {
      this.record("bytes", req, 404);
      res.writeHead(404).end();
      return;
    }
    const entry: LoggedRequest = { server: "bytes", method: req.method ?? "", path: req.url ?? "", status: 0 };
    if (req.headers.range) entry.range = req.headers.range;
    if (req.headers.authorization) entry.authorization = req.headers.authorization;
    if (req.headers["user-agent"]) entry.userAgent = req.headers["user-agent"];
    this.log.push(entry);
    entry.status = await serveBytes(req, res, blob, this.modes).catch(() => 500);
  }

  private authorized(req: IncomingMessage, res: ServerResponse, repository: string): boolean {
    const auth = this.modes.auth;
    if (!auth || req.headers.authorization === `Bearer ${auth.token}`) return true;
    const realm = `http://${auth.realmHost ?? this.host}/token`;
    this.reply(req, res, 401, {
      "www-authenticate": `Bearer realm="${realm}",service="paddock-test",scope="repository:${repository}:pull,push"`,
      "content-type": "application/json",
    }, JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }));
    return false;
  }

  private async handleRegistry(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    if (url.pathname === "/token") {
      return this.reply(req, res, 200, { "content-type": "application/json" }, JSON.stringify({ token: this.modes.auth?.token ?? "" }));
    }
    const same = /^\/same-host\/(sha256:[0-9a-f]{64})$/.exec(url.pathname);
    if (same) {
      return this.reply(req, res, 307, { location: `${this.bytesUrl}/blobs/${same[1]}` });
    }
    const match = /^\/v2\/([^/]+\/[^/]+)\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
    if (!match) return this.reply(req, res, 404);
    const [, repository, kind, rest] = match;
    if (!this.authorized(req, res, repository)) return;

    if (kind === "manifests") {
      const key = `${repository}:${rest}`;
      if (method === "PUT") {
        this.manifests.set(key, await readBody(req));
        return this.reply(req, res, 201);
      }
      const raw = this.manifests.get(key);
      if (!raw) return this.reply(req, res, 404, { "content-type": "application/json" }, JSON.stringify({ errors: [{ code: "MANIFEST_UNKNOWN" }] }));
      return this.reply(req, res, 200, { "content-type": MEDIA_TYPES.manifest, "content-length": raw.length }, raw);
    }

    if (rest === "uploads/" || rest.startsWith("uploads/")) return this.handleUpload(req, res, url, repository, rest.slice("uploads/".length));

    const blob = this.linked(repository, rest);
    if (!blob) return this.reply(req, res, 404);
    if (method === "HEAD") return this.reply(req, res, 200, { "content-length": blob.size, "content-type": "application/octet-stream" });
    if (this.modes.redirect === "cross-host") return this.reply(req, res, 307, { location: `${this.bytesUrl}/blobs/${blob.digest}` });
    if (this.modes.redirect === "same-host-hop") return this.reply(req, res, 307, { location: `/same-host/${blob.digest}` });
    const entry: LoggedRequest = { server: "registry", method, path: req.url ?? "", status: 0 };
    if (req.headers.range) entry.range = req.headers.range;
    this.log.push(entry);
    entry.status = await serveBytes(req, res, blob, this.modes).catch(() => 500);
  }

  private async handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, repository: string, id: string): Promise<void> {
    const method = req.method ?? "";
    if (method === "POST" && id === "") {
      const mount = url.searchParams.get("mount");
      const from = url.searchParams.get("from");
      if (mount && from && this.linked(from, mount)) {
        this.link(repository, mount);
        return this.reply(req, res, 201, { location: `/v2/${repository}/blobs/${mount}` });
      }
      const session = randomUUID();
      this.uploads.set(session, { repository, chunks: [], size: 0 });
      return this.reply(req, res, 202, { location: `/v2/${repository}/blobs/uploads/${session}` });
    }
    const session = this.uploads.get(id);
    if (!session) return this.reply(req, res, 404);
    const body = await readBody(req);
    if (method === "PATCH") {
      const start = Number(/^(\d+)-/.exec(req.headers["content-range"] ?? "")?.[1] ?? session.size);
      if (start !== session.size) return this.reply(req, res, 416, { range: `0-${session.size - 1}` });
      session.chunks.push(body);
      session.size += body.length;
      return this.reply(req, res, 202, { location: `/v2/${repository}/blobs/uploads/${id}`, range: `0-${session.size - 1}` });
    }
    if (method === "PUT") {
      session.chunks.push(body);
      const bytes = Buffer.concat(session.chunks);
      const digest = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
      if (digest !== url.searchParams.get("digest")) return this.reply(req, res, 400, {}, JSON.stringify({ errors: [{ code: "DIGEST_INVALID" }] }));
      this.uploads.delete(id);
      this.addBlob({ digest, size: bytes.length, bytes }, session.repository);
      return this.reply(req, res, 201, { location: `/v2/${repository}/blobs/${digest}` });
    }
    return this.reply(req, res, 405);
  }
}
