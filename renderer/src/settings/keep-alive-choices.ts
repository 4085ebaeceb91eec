export const KEEP_ALIVE_CHOICES: Array<[string, string]> = [
  ["0", "Unload right after each answer"],
  ["1m", "1 minute"],
  ["5m", "5 minutes (default)"],
  ["15m", "15 minutes"],
  ["30m", "30 minutes"],
  ["1h", "1 hour"],
  ["-1", "Keep loaded until quit"],
];

export const CONTEXT_CHOICES: Array<[number, string]> = [
  [0, "Automatic (4,096)"],
  [2048, "2,048 tokens"],
  [4096, "4,096 tokens"],
  [8192, "8,192 tokens"],
  [16384, "16,384 tokens"],
  [32768, "32,768 tokens"],
  [65536, "65,536 tokens"],
  [131072, "131,072 tokens"],
];
