// A labelled progress bar for a commitment: the real count (which may pass the target) with
// the bar capped at 100%.
export function ProgressBar({
  label,
  context,
  achieved,
  target,
  percent,
  verified,
  format = String,
}: {
  label: string;
  context?: string;
  achieved: number;
  target: number;
  percent: number;
  verified: number;
  /** How a figure reads: a count by default, or money ("£1,250.00") or a percentage. */
  format?: (n: number) => string;
}) {
  return (
    <div className="progress-row">
      <div className="progress-label">
        <span>{label}</span>
        <span>
          <strong>{format(achieved)}</strong> of {format(target)} ({percent}%) · {format(verified)} verified
        </span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={context ? `${label} (${context})` : label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${format(achieved)} of ${format(target)}`}
      >
        <div className={`progress-fill ${percent >= 100 ? 'progress-done' : ''}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
