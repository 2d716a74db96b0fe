/**
 * Bytes in binary units with their IEC names, everywhere: 1 KiB = 1,024 B, 1 MiB = 1,024 KiB,
 * 1 GiB = 1,024 MiB. The vega-lite label expression of the charts is built from the same table.
 */
import { formatNumber } from './numbers.js';

export const BYTES_PER_KIB = 1024;
export const BYTES_PER_MIB = 1024 ** 2;
export const BYTES_PER_GIB = 1024 ** 3;

/** Largest first: the unit a value is printed in is the first whose size it reaches. */
const UNITS: readonly [name: string, bytes: number][] = [
  ['GiB', BYTES_PER_GIB],
  ['MiB', BYTES_PER_MIB],
  ['KiB', BYTES_PER_KIB],
];

/** `420 B`, `1.17 KiB`, `9.16 MiB`, `8.34 GiB` (3 significant digits). */
export function formatBytes(bytes: number): string {
  for (const [name, size] of UNITS) if (Math.abs(bytes) >= size) return `${formatNumber(bytes / size)} ${name}`;
  return `${formatNumber(bytes)} B`;
}

export function bytesToMib(bytes: number): number {
  return bytes / BYTES_PER_MIB;
}

/** The same labels as {@link formatBytes}, as a vega expression on `datum.value` (axis labels). */
export function vegaBytesLabelExpr(): string {
  const branches = UNITS.map(([name, size]) => `datum.value >= ${size} ? format(datum.value / ${size}, '.3~r') + ' ${name}' : `).join('');
  return `${branches}format(datum.value, '.3~r') + ' B'`;
}
