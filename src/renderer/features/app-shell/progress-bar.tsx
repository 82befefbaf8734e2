/**
 * The app's one progress bar: determinate with a percentage (announced as text too), or indeterminate
 * (a moving stripe, no value) while the total is not known yet.
 */
export function ProgressBar({ label, percent }: { readonly label: string; readonly percent: number | null }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(percent !== null ? { 'aria-valuenow': percent, 'aria-valuetext': `${percent}%` } : {})}
      className={`progress ${percent === null ? 'progress--indeterminate' : ''}`}
    >
      <div className="progress-fill" style={{ width: `${percent ?? 100}%` }} />
    </div>
  );
}
