/** Formatting shared by the presenters: sizes, relative times, markdown escaping. */
import { markdownCode, markdownText } from './markdownText';

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '?';
  }
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "3 minutes ago" from epoch seconds, relative to `nowMs`. */
export function relativeTime(epochSeconds: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round(nowMs / 1000 - epochSeconds));
  const steps: Array<[number, string]> = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [30, 'day'],
    [12, 'month'],
    [Number.POSITIVE_INFINITY, 'year'],
  ];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (value < size) {
      return value === 0 && unit === 'second' ? 'just now' : `${value} ${unit}${value === 1 ? '' : 's'} ago`;
    }
    value = Math.floor(value / size);
  }
  return `${value} years ago`;
}

/** Text from the engine as inert Markdown text (see markdownText.ts). */
export function escapeMarkdown(text: string): string {
  return markdownText(text);
}

/**
 * A markdown tooltip: a bold title, then `key: value` lines (values as inline code). Title, keys and values may
 * come from the engine: each is made inert (see markdownText.ts), so a value cannot add lines, links or images.
 */
export function markdownTable(title: string, rows: Array<[string, string | string[] | undefined]>): string {
  const heading = escapeMarkdown(title).trim();
  const lines = [heading ? `**${heading}**` : '', ''];
  for (const [key, value] of rows) {
    if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') {
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    lines.push(`${escapeMarkdown(key)}: ${values.map(markdownCode).join(', ')}  `);
  }
  return lines.join('\n');
}

/** Natural order for names ("web-2" before "web-10"); one collator, much cheaper than localeCompare per call. */
export const compareNames = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
