import { Download, Pause, Play, X } from "lucide-react";
import { Button } from "../ui/Button.js";
import { formatBytes, formatEta, formatSpeed } from "../ui/format.js";
import { IconButton } from "../ui/IconButton.js";
import { ProgressBar } from "../ui/ProgressBar.js";

export interface PullCardProps {
  name: string;
  phase: "starting" | "pulling" | "paused" | "verifying" | "done" | "failed" | "elsewhere";
  status: string;
  total: number;
  completed: number;
  speed: number;
  eta?: number;
  error?: string;
  onPause?(): void;
  onResume?(): void;
  onCancel?(): void;
  onDismiss?(): void;
}

const PHASE_TEXT: Record<PullCardProps["phase"], string> = {
  starting: "Starting",
  pulling: "Downloading",
  paused: "Paused",
  verifying: "Verifying",
  done: "Done",
  failed: "Failed",
  elsewhere: "Downloading in another window",
};

/** One pull: its bar, bytes, speed and time left, and pause, resume and cancel. */
export function PullCard(props: PullCardProps) {
  const { name, phase, total, completed, speed, eta, error } = props;
  const fraction = total > 0 ? completed / total : phase === "done" ? 1 : undefined;
  const tone = phase === "failed" ? "error" : phase === "paused" ? "paused" : "accent";
  return (
    <div className={`pull-card pull-${phase}`} data-testid="pull-card" data-model={name} data-phase={phase}>
      <div className="pull-top">
        <Download size={16} className="pull-icon" />
        <span className="pull-name">{name}</span>
        <span className={`pill pill-${tone}`}>{PHASE_TEXT[phase]}</span>
        <div className="pull-actions">
          {props.onPause && (
            <Button size="sm" icon={<Pause size={14} />} onClick={props.onPause}>
              Pause
            </Button>
          )}
          {props.onResume && (
            <Button size="sm" variant="primary" icon={<Play size={14} />} onClick={props.onResume}>
              Resume
            </Button>
          )}
          {props.onCancel && (
            <Button size="sm" variant="ghost" icon={<X size={14} />} onClick={props.onCancel}>
              Cancel
            </Button>
          )}
          {props.onDismiss && (
            <IconButton label={`Dismiss ${name}`} onClick={props.onDismiss}>
              <X size={14} />
            </IconButton>
          )}
        </div>
      </div>
      <ProgressBar value={phase === "starting" || phase === "verifying" ? (fraction ?? undefined) : fraction} label={`Pulling ${name}`} tone={tone} />
      <div className="pull-stats" data-testid="pull-stats">
        {error ? (
          <span className="form-error">{error}</span>
        ) : (
          <>
            <span>{total > 0 ? `${formatBytes(completed)} / ${formatBytes(total)}` : props.status}</span>
            {phase === "pulling" && speed > 0 && <span>{formatSpeed(speed)}</span>}
            {phase === "pulling" && eta !== undefined && <span>{formatEta(eta)} left</span>}
            {total > 0 && <span>{Math.floor((completed / total) * 100)}%</span>}
          </>
        )}
      </div>
    </div>
  );
}
