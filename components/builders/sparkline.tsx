/** Heartbeats per hour as a small bar chart (oldest hour first), with its numbers for screen readers. */
export function Sparkline({ values, label, className }: { values: number[]; label: string; className?: string }) {
  const width = 96;
  const height = 24;
  const max = Math.max(1, ...values);
  const step = values.length ? width / values.length : width;
  const total = values.reduce((sum, v) => sum + v, 0);
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={`${label}: ${total} in the last ${values.length} hours`}
      className={className}
      data-testid="sparkline"
    >
      <title>{`${label}: ${values.join(', ')} per hour, oldest first`}</title>
      <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} className="stroke-border" strokeWidth={1} />
      {values.map((value, i) =>
        value > 0 ? (
          <rect
            key={i}
            x={i * step + 0.5}
            y={height - 1 - Math.max(2, (value / max) * (height - 2))}
            width={Math.max(1, step - 1)}
            height={Math.max(2, (value / max) * (height - 2))}
            rx={0.5}
            className={i === values.length - 1 ? 'fill-primary' : 'fill-primary/55'}
          />
        ) : null,
      )}
    </svg>
  );
}
