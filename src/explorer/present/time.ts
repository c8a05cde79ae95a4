/**
 * Texts that depend on the clock: the engine's container status ("Up 5 seconds", "Exited (0) 3 minutes ago")
 * carried forward from when it was read, local date-times, and when such a text next changes. Pure.
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** A duration in the engine's words (the `docker ps` STATUS wording of docker/go-units `HumanDuration`). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / second);
  if (seconds < 1) {
    return 'Less than a second';
  }
  if (seconds === 1) {
    return '1 second';
  }
  if (seconds < 60) {
    return `${seconds} seconds`;
  }
  const minutes = Math.floor(ms / minute);
  if (minutes === 1) {
    return 'About a minute';
  }
  if (minutes < 60) {
    return `${minutes} minutes`;
  }
  const hours = Math.floor(ms / hour + 0.5);
  if (hours === 1) {
    return 'About an hour';
  }
  if (hours < 48) {
    return `${hours} hours`;
  }
  if (hours < 24 * 7 * 2) {
    return `${Math.floor(hours / 24)} days`;
  }
  if (hours < 24 * 30 * 2) {
    return `${Math.floor(hours / 24 / 7)} weeks`;
  }
  if (hours < 24 * 365 * 2) {
    return `${Math.floor(hours / 24 / 30)} months`;
  }
  return `${Math.floor(Math.floor(ms / hour) / 24 / 365)} years`;
}

/** The shortest duration `humanDuration` words as `text` (undefined for another wording). */
export function parseHumanDuration(text: string): number | undefined {
  const fixed: Record<string, number> = { 'Less than a second': 0, 'About a minute': minute, 'About an hour': hour };
  if (text in fixed) {
    return fixed[text];
  }
  const match = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(text);
  if (!match) {
    return undefined;
  }
  const count = Number(match[1]);
  // Hours are rounded to the nearest (`int(d.Hours() + 0.5)`) from "N hours" up to "N months"; years are not.
  const roundedHours = (hours: number) => Math.max(0, hours - 0.5) * hour;
  switch (match[2]) {
    case 'second':
      return count * second;
    case 'minute':
      return count * minute;
    case 'hour':
      return roundedHours(count);
    case 'day':
      return roundedHours(count * 24);
    case 'week':
      return roundedHours(count * 24 * 7);
    case 'month':
      return roundedHours(count * 24 * 30);
    default:
      return count * 24 * 365 * hour;
  }
}

const statusPattern = /^(Up |Exited \(-?\d+\) |Restarting \(-?\d+\) )(.+?)( ago)?((?: \((?:Paused|healthy|unhealthy|health: starting)\))?)$/;

/**
 * A container status as the engine would word it at `nowMs`, given the status it gave at `observedAtMs`: the age
 * in it ("Up 5 seconds", "Exited (0) 3 minutes ago", "Restarting (1) 2 seconds ago") moves on with the clock,
 * from the shortest duration its words allow. Statuses without an age ("Created", "Dead") are returned as they are.
 */
export function statusAt(status: string, observedAtMs: number, nowMs: number): string {
  const match = statusPattern.exec(status);
  if (!match) {
    return status;
  }
  const [, prefix, duration, ago = '', suffix] = match;
  const age = parseHumanDuration(duration);
  const isUp = prefix === 'Up ';
  // Only the engine's own wording is carried forward; another is shown as it came.
  if (age === undefined || isUp === Boolean(ago) || humanDuration(age) !== duration) {
    return status;
  }
  return `${prefix}${humanDuration(age + Math.max(0, nowMs - observedAtMs))}${ago}${suffix}`;
}

/**
 * The first time after `nowMs` at which `textAt` gives another text than at `nowMs`, for texts that change only
 * forward (ages): found by doubling then halving the step, to the millisecond. Undefined when the text does not
 * change within `horizonMs`.
 */
export function nextTextChange(textAt: (nowMs: number) => string, nowMs: number, horizonMs = 366 * 24 * hour): number | undefined {
  const current = textAt(nowMs);
  let step = 1;
  let low = nowMs;
  let high = nowMs + step;
  while (textAt(high) === current) {
    if (high - nowMs >= horizonMs) {
      return undefined;
    }
    low = high;
    step *= 2;
    high = Math.min(nowMs + horizonMs, nowMs + step);
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (textAt(middle) === current) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return high;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "2026-01-10 13:00:00" in the machine's time zone. */
export function localDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
