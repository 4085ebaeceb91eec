// The bind address from PADDOCK_HOST / OLLAMA_HOST, parsed like
// envconfig.Host (§17.1).

import { isIPv4, isIPv6 } from 'node:net';
import { goParseInt } from '../options/go-compat/parse-number.js';
import { goTrimSpace } from '../options/go-compat/trim-space.js';

export interface HostSetting {
  scheme: string;
  /** Host to listen on, without brackets; '' means every interface. */
  host: string;
  port: number;
  /** Path after the host (`https://example.com/ollama` → `ollama`); only clients use it. */
  path: string;
  /** URL a local client uses: unspecified addresses become loopback (ConnectableHost). */
  baseUrl: string;
  warning?: string;
}

const DEFAULT_PORT = '11434';

/** net.SplitHostPort; undefined where Go reports an error. */
export function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const lastColon = hostport.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  let host: string;
  let from = 0;
  let bracketEnd = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0 || end + 1 !== lastColon) return undefined;
    host = hostport.slice(1, end);
    from = 1;
    bracketEnd = end + 1;
  } else {
    host = hostport.slice(0, lastColon);
    if (host.includes(':')) return undefined;
  }
  if (hostport.slice(from).includes('[') || hostport.slice(bracketEnd).includes(']')) return undefined;
  return { host, port: hostport.slice(lastColon + 1) };
}

/** net.JoinHostPort: brackets around hosts that contain ':'. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** net.ParseIP(...).String(), or undefined when Go would not parse it as an IP. */
function canonicalIp(text: string): string | undefined {
  if (isIPv4(text)) return text;
  if (!isIPv6(text) || text.includes('%')) return undefined;
  try {
    const ip = new URL(`http://[${text}]/`).hostname.slice(1, -1);
    // Go prints IPv4-mapped addresses in dotted form.
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
    if (mapped) {
      const hi = parseInt(mapped[1] as string, 16);
      const lo = parseInt(mapped[2] as string, 16);
      return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
    }
    return ip;
  } catch {
    return undefined;
  }
}

function connectableHost(host: string): string {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}

export function parseHostSetting(value: string): HostSetting {
  const s = goTrimSpace(value);
  let scheme = 'http';
  let hostport = s;
  let defaultPort = DEFAULT_PORT;
  const schemeAt = s.indexOf('://');
  if (schemeAt < 0) {
    if (s === 'ollama.com') {
      scheme = 'https';
      hostport = 'ollama.com:443';
    }
  } else {
    scheme = s.slice(0, schemeAt);
    hostport = s.slice(schemeAt + 3);
    if (scheme === 'http') defaultPort = '80';
    else if (scheme === 'https') defaultPort = '443';
  }

  const slash = hostport.indexOf('/');
  const path = slash < 0 ? '' : hostport.slice(slash + 1);
  if (slash >= 0) hostport = hostport.slice(0, slash);

  let host: string;
  let port: string;
  const split = splitHostPort(hostport);
  if (split) {
    ({ host, port } = split);
  } else {
    // No usable port: the value is a bare host or IP (brackets allowed).
    port = defaultPort;
    host = canonicalIp(hostport.replace(/^[[\]]+|[[\]]+$/g, '')) ?? (hostport === '' ? '127.0.0.1' : hostport);
  }

  let warning: string | undefined;
  const n = goParseInt(port, 32);
  if (n === undefined || n < 0n || n > 65535n) {
    warning = `invalid port ${JSON.stringify(port)}, using default ${defaultPort}`;
    port = defaultPort;
  }
  const portNumber = Number(port);
  const baseUrl = `${scheme}://${joinHostPort(connectableHost(host), portNumber)}${path ? `/${path}` : ''}`;
  return { scheme, host, port: portNumber, path, baseUrl, ...(warning ? { warning } : {}) };
}
