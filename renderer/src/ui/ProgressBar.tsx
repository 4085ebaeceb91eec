interface ProgressBarProps {
  /** 0..1, or undefined for an indeterminate bar. */
  value: number | undefined;
  label: string;
  tone?: "accent" | "paused" | "error";
}

export function ProgressBar({ value, label, tone = "accent" }: ProgressBarProps) {
  const percent = value === undefined ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 1000) / 10;
  return (
    <div
      className={`progress progress-${tone}${percent === undefined ? " progress-indeterminate" : ""}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={percent === undefined ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
