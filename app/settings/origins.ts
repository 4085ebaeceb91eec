// CORS origins: the user's PADDOCK_ORIGINS / OLLAMA_ORIGINS entries followed
// by Ollama's built-in list (§17.2).

const DEFAULT_ORIGIN_HOSTS = ['localhost', '127.0.0.1', '0.0.0.0'];
const DEFAULT_APP_ORIGINS = ['app://*', 'file://*', 'tauri://*', 'vscode-webview://*', 'vscode-file://*'];

/** The origins Ollama always allows, in its order. */
export const DEFAULT_ORIGINS: readonly string[] = [
  ...DEFAULT_ORIGIN_HOSTS.flatMap((host) => [
    `http://${host}`,
    `https://${host}`,
    `http://${host}:*`,
    `https://${host}:*`,
  ]),
  ...DEFAULT_APP_ORIGINS,
];

const ALLOWED_SCHEMES = [
  'http://',
  'https://',
  'chrome-extension://',
  'safari-extension://',
  'moz-extension://',
  'ms-browser-extension://',
];

/**
 * Why Ollama would refuse to start with this entry (gin-contrib/cors
 * validation), or undefined when it is acceptable.
 */
export function originProblem(origin: string): string | undefined {
  const stars = origin.split('*').length - 1;
  if (stars > 1) return 'only one * is allowed';
  if (stars === 0 && !ALLOWED_SCHEMES.some((scheme) => origin.startsWith(scheme))) {
    return `bad origin: origins must contain '*' or include ${ALLOWED_SCHEMES.join(',')}`;
  }
  return undefined;
}

/**
 * Splits the variable on ',' and trims each entry. Ollama checks entries
 * before trimming and refuses to start on a bad one; Paddock trims, drops bad
 * or empty entries and reports them as warnings instead.
 */
export function parseOrigins(value: string, variable: string): { origins: string[]; warnings: string[] } {
  const origins: string[] = [];
  const warnings: string[] = [];
  for (const raw of value.split(',')) {
    const origin = raw.trim();
    if (origin === '') continue;
    const problem = originProblem(origin);
    if (problem) warnings.push(`${variable}: ignoring origin ${JSON.stringify(origin)}: ${problem}`);
    else origins.push(origin);
  }
  return { origins, warnings };
}

/** The full allow-list for the CORS check: user entries first, then Ollama's defaults. */
export function allowedOrigins(settings: { origins: readonly string[] }): string[] {
  return [...settings.origins, ...DEFAULT_ORIGINS];
}
