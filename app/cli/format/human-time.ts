// Ollama's format.HumanTime: "4 minutes ago", "About a minute from now", "Forever".

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;

  const minutes = Math.trunc(ms / MINUTE);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;

  const hours = Math.round(ms / HOUR);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / HOUR) / 24 / 365)} years`;
}

/** `time` relative to `now`; an unset time prints as `zeroValue`. */
export function humanTime(time: Date | undefined, zeroValue: string, now: Date = new Date()): string {
  if (!time || Number.isNaN(time.getTime()) || time.getTime() <= Date.UTC(1, 0, 1)) return zeroValue;
  const delta = now.getTime() - time.getTime();
  // Keep-alive "forever" lands centuries ahead.
  if (Math.trunc(Math.trunc(delta / HOUR) / 24 / 365) < -20) return "Forever";
  if (delta < 0) return `${humanDuration(-delta)} from now`;
  return `${humanDuration(delta)} ago`;
}
