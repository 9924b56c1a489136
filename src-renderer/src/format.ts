/**
 * Display formatting, one place for the whole UI. The Intl formatters are built once: toLocaleString and
 * toLocaleDateString build one on every call, which a table of 1,000 runs feels.
 */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

/**
 * A metric value with `digits` significant digits (4: 512.3, 0.04567, 23.46), for chart tooltips and
 * comparison tables. Whole parts longer than that keep all their digits (12345); tiny values use an exponent.
 */
export function formatSignificant(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9 || magnitude < 1e-3) return value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  const fixed = value.toPrecision(digits);
  // 9999.7 rounds up to "1.000e+4": past `digits` whole digits, show the whole number instead.
  return magnitude >= 10 ** digits || fixed.includes('e') ? Math.round(value).toString() : fixed;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return COUNT.format(n);
}

const DATE = new Intl.DateTimeFormat('en-CA');
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const TIME_SECONDS = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "2025-12-02 14:02" in local time, or with `seconds` "2025-12-02 14:02:11" (events minutes apart, such as resumes). */
export function formatTime(iso: string | null, options: { seconds?: boolean } = {}): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return `${DATE.format(d)} ${(options.seconds ? TIME_SECONDS : TIME).format(d)}`;
}
