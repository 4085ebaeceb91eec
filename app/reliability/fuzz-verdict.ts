import type { FuzzCase } from "./fuzz-cases.js";
import type { ContractOutcome, Envelope } from "./fuzz-endpoints.js";
import type { RawReply } from "./raw-http.js";

export type Verdict = "rejected" | "contract" | "answered" | "routing" | "violation";

export interface Judgement {
  verdict: Verdict;
  /** For contract answers: which rule; for violations: what went wrong. */
  reason?: string;
}

/**
 * The answers Ollama's contract prescribes for some bad input, with where the spec says so
 * (/work/shared/spec/ollama-api.md). Everything else that is bad input must be a 4xx.
 */
const CONTRACT_RULES: Record<ContractOutcome, { status: number[]; message: RegExp; source: string }> = {
  "option-type": { status: [400], message: /^option "[^"]*" must be /, source: "§10.3 option type errors (Ollama: 500; the spec allows 400, which Paddock answers)" },
  "invalid-format": {
    status: [400, 500],
    // The last two come from turning a JSON schema into a grammar; Ollama answers a schema it cannot convert with 500 too.
    message: /^invalid format: |^Failed to parse grammar$|^Maximum nesting scope exceeded/,
    source: "§4.5 an invalid format (400 here; a schema llama.cpp cannot turn into a grammar is 500, as in Ollama)",
  },
  "template-exec": { status: [500], message: /^template: /, source: "§4.2/§5.2 prompt rendering errors are 500" },
  "missing-gguf-blob": { status: [500], message: /^open .*: no such file or directory$/, source: "§8.7 a .gguf entry whose blob was never uploaded is 500" },
  "pull-failed": { status: [200, 500], message: /^pull model manifest|ECONNREFUSED|fetch failed|connect/i, source: "§8.5 pull failures are stream errors (500 with stream:false)" },
  "push-failed": { status: [200, 500], message: /./, source: "§8.6 push name and manifest problems are stream errors (500 with stream:false)" },
};

/** The error text of a reply in the endpoint's envelope, or undefined when the body is not that envelope. */
export function errorMessage(envelope: Envelope, body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  if (envelope === "native") return typeof error === "string" && error !== "" ? error : undefined;
  const message = (error as { message?: unknown } | undefined)?.message;
  if (envelope === "anthropic" && (parsed as { type?: unknown }).type !== "error") return undefined;
  return typeof message === "string" && message !== "" ? message : undefined;
}

/** The error line that ended an NDJSON stream, if it ended with one. */
function streamError(reply: RawReply): string | undefined {
  if (!String(reply.headers["content-type"] ?? "").includes("ndjson")) return undefined;
  const lines = reply.body.trim().split("\n");
  const last = lines[lines.length - 1];
  try {
    const error = (JSON.parse(last) as { error?: unknown }).error;
    return typeof error === "string" ? error : undefined;
  } catch {
    return "unreadable stream line";
  }
}

function contractRule(fuzz: FuzzCase, status: number, message: string | undefined): string | undefined {
  for (const outcome of fuzz.contract) {
    const rule = CONTRACT_RULES[outcome];
    if (rule.status.includes(status) && message !== undefined && rule.message.test(message)) return `${outcome} (${rule.source})`;
  }
  return undefined;
}

export function judge(fuzz: FuzzCase, reply: RawReply): Judgement {
  const { status } = reply;
  const isHead = fuzz.request.method === "HEAD";
  // The router's trailing-slash redirect (§0.1), also met when a parameter like "." or ".." collapses the path.
  if ((status === 301 || status === 307) && reply.headers.location) return { verdict: "routing" };
  // A parameter of "." or ".." collapses the path to one no route serves: the router's plain 404 (§0.1).
  if (status === 404 && reply.body === "404 page not found" && /%2e|\.\./i.test(fuzz.request.path)) return { verdict: "routing" };
  if (fuzz.expect === "routing") {
    if (status === 404 || status === 405) return { verdict: "routing" };
    return { verdict: "violation", reason: `router answered ${status}` };
  }
  if (status >= 200 && status < 300) {
    const streamed = streamError(reply);
    if (streamed !== undefined) {
      const rule = contractRule(fuzz, status, streamed);
      return rule ? { verdict: "contract", reason: rule } : { verdict: "violation", reason: `stream ended with error: ${streamed}` };
    }
    if (fuzz.expect === "any") return { verdict: "answered" };
    return { verdict: "violation", reason: `malformed request accepted with ${status}` };
  }
  const message = isHead ? "" : errorMessage(fuzz.envelope, reply.body);
  if (status >= 400 && status < 500) {
    if (message === undefined) return { verdict: "violation", reason: `${status} without an error envelope: ${reply.body.slice(0, 120)}` };
    return { verdict: "rejected" };
  }
  const rule = contractRule(fuzz, status, message);
  if (rule) return { verdict: "contract", reason: rule };
  return { verdict: "violation", reason: `${status}: ${(message ?? reply.body).slice(0, 200)}` };
}
