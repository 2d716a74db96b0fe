/**
 * Plain numbers, the way every report prints them: locale-free (no toLocaleString), so every
 * machine prints the same bytes; thousands grouped with `,`; float noise dropped.
 */

/** `12345` → `12,345`; `-1234` → `-1,234`. Rounds to an integer first. */
export function groupThousands(n: number): string {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 3 significant digits below 1,000, a grouped integer from 1,000: `0.0423`, `9.7`, `104`, `1,950`, `12,400`. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return groupThousands(x);
  if (x === 0) return '0';
  return String(Number(x.toPrecision(3)));
}

/** Exactly `digits` decimals, thousands grouped: for table columns that line up (`12,400.5`, `0.42`). */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const [whole, fraction] = Math.abs(x).toFixed(digits).split('.');
  const negative = x < 0 && Number(Math.abs(x).toFixed(digits)) !== 0;
  return `${negative ? '-' : ''}${groupThousands(Number(whole))}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A difference with its sign: `+0.12`, `-3.40` (`digits` decimals). */
export function formatSigned(x: number, digits: number): string {
  const text = formatFixed(x, digits);
  return text.startsWith('-') ? text : `+${text}`;
}

/** Round to `digits` decimals, dropping float noise (`19.650000000001` → `19.65`): for data files. */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
