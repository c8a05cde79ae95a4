import { relativeTime } from './format';

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

/** A text that depends on the clock, and when it next changes (so a view re-renders it then, and only then). */
export interface ClockText {
  at(nowMs: number): string;
  /** The first time after `nowMs` at which `at` gives another text (epoch ms); undefined when never. */
  nextChange(nowMs: number): number | undefined;
}

/** The shortest duration after `ms` that `humanDuration` words differently. */
export function humanDurationNextChange(ms: number): number {
  if (ms < minute) {
    return (Math.floor(ms / second) + 1) * second;
  }
  if (ms < hour) {
    return (Math.floor(ms / minute) + 1) * minute;
  }
  // From an hour on, the wording follows the hours rounded to the nearest: it changes half an hour before a step.
  const hours = Math.floor(ms / hour + 0.5);
  const step = (size: number, limit: number) => Math.min(limit, (Math.floor(hours / size) + 1) * size);
  let next: number;
  if (hours < 48) {
    next = hours + 1;
  } else if (hours < 24 * 7 * 2) {
    next = step(24, 24 * 7 * 2);
  } else if (hours < 24 * 30 * 2) {
    next = step(24 * 7, 24 * 30 * 2);
  } else if (hours < 24 * 365 * 2) {
    next = step(24 * 30, 24 * 365 * 2);
  } else {
    return (Math.floor(Math.floor(ms / hour) / (24 * 365)) + 1) * 24 * 365 * hour;
  }
  return (next - 0.5) * hour;
}

const statusPattern = /^(Up |Exited \(-?\d+\) |Restarting \(-?\d+\) )(.+?)( ago)?((?: \((?:Paused|healthy|unhealthy|health: starting)\))?)$/;

/**
 * A container status as the engine would word it later, given the status it gave at `observedAtMs`: the age in it
 * ("Up 5 seconds", "Exited (0) 3 minutes ago", "Restarting (1) 2 seconds ago") moves on with the clock, from the
 * shortest duration its words allow (so it never runs ahead of the engine). Statuses without an age ("Created",
 * "Dead") or in other words stay as they are.
 */
export function statusClock(status: string, observedAtMs: number): ClockText {
  const parts = statusParts(status);
  if (!parts) {
    return { at: () => status, nextChange: () => undefined };
  }
  const { prefix, age, ago, suffix } = parts;
  const ageAt = (nowMs: number) => age + Math.max(0, nowMs - observedAtMs);
  return {
    at: (nowMs) => `${prefix}${humanDuration(ageAt(nowMs))}${ago}${suffix}`,
    nextChange: (nowMs) => observedAtMs + humanDurationNextChange(ageAt(nowMs)) - age,
  };
}

interface StatusParts {
  prefix: string;
  age: number;
  ago: string;
  suffix: string;
}

/** Parsed statuses by text (a few distinct texts among many containers); null for a status without an age. */
const parsedStatuses = new Map<string, StatusParts | null>();

function statusParts(status: string): StatusParts | undefined {
  let parts = parsedStatuses.get(status);
  if (parts === undefined) {
    parts = parseStatus(status) ?? null;
    if (parsedStatuses.size >= 500) {
      parsedStatuses.clear();
    }
    parsedStatuses.set(status, parts);
  }
  return parts ?? undefined;
}

function parseStatus(status: string): StatusParts | undefined {
  const match = statusPattern.exec(status);
  if (!match) {
    return undefined;
  }
  const [, prefix, duration, ago = '', suffix] = match;
  const age = parseHumanDuration(duration);
  if (age === undefined || (prefix === 'Up ') === Boolean(ago) || humanDuration(age) !== duration) {
    return undefined;
  }
  return { prefix, age, ago, suffix };
}

/** The whole seconds after `seconds` at which `relativeTime` next words an age differently. */
function relativeTimeNextChange(seconds: number): number {
  const minuteS = 60;
  const hourS = 3600;
  const dayS = 86_400;
  if (seconds < minuteS) {
    return seconds + 1;
  }
  if (seconds < hourS) {
    return (Math.floor(seconds / minuteS) + 1) * minuteS;
  }
  if (seconds < dayS) {
    return (Math.floor(seconds / hourS) + 1) * hourS;
  }
  const days = Math.floor(seconds / dayS);
  if (days < 30) {
    return (days + 1) * dayS;
  }
  const months = Math.floor(days / 30);
  return months < 12 ? (months + 1) * 30 * dayS : (Math.floor(months / 12) + 1) * 360 * dayS;
}

/** The age of a moment in epoch seconds ("3 minutes ago", as `relativeTime` words it) as a clock text. */
export function ageClock(epochSeconds: number): ClockText {
  return {
    at: (nowMs) => relativeTime(epochSeconds, nowMs),
    // relativeTime rounds to the nearest second: the age reaches `next` half a second before.
    nextChange: (nowMs) => (epochSeconds + relativeTimeNextChange(Math.max(0, Math.round(nowMs / 1000 - epochSeconds))) - 0.5) * 1000,
  };
}

/** Several clock texts as one: the texts joined, the earliest change. */
export function joinClocks(...clocks: ClockText[]): ClockText {
  return {
    at: (nowMs) => clocks.map((clock) => clock.at(nowMs)).join('\n'),
    nextChange: (nowMs) => {
      const changes = clocks.map((clock) => clock.nextChange(nowMs)).filter((change): change is number => change !== undefined);
      return changes.length > 0 ? Math.min(...changes) : undefined;
    },
  };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "2026-01-10 13:00:00" in the machine's time zone. */
export function localDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
