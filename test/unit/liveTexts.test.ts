import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { mock } from 'node:test';
import type Docker from 'dockerode';
import { LiveTexts } from '../../src/explorer/liveTexts';
import { containerTree } from '../../src/explorer/present/containers';
import { ageClock, ClockText, humanDuration, joinClocks, localDateTime, parseHumanDuration, statusClock } from '../../src/explorer/present/time';

/**
 * The reference the computed next changes are checked against: the first millisecond after `nowMs` at which the
 * text differs, searched by doubling then halving the step (texts that only move forward).
 */
function searchNextChange(textAt: (nowMs: number) => string, nowMs: number, horizonMs = 3 * 366 * 86_400_000): number | undefined {
  const current = textAt(nowMs);
  let low = nowMs;
  let step = 1;
  while (textAt(nowMs + step) === current) {
    if (step >= horizonMs) {
      return undefined;
    }
    low = nowMs + step;
    step *= 2;
  }
  let high = nowMs + step;
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

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const t0 = Date.UTC(2026, 0, 10, 12, 0, 0);

test('durations read as the engine words them in a status', () => {
  const cases: Array<[number, string]> = [
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [1000, '1 second'],
    [59_999, '59 seconds'],
    [60 * second, 'About a minute'],
    [2 * minute - 1, 'About a minute'],
    [2 * minute, '2 minutes'],
    [59 * minute, '59 minutes'],
    [60 * minute, 'About an hour'],
    [90 * minute - 1, 'About an hour'],
    [90 * minute, '2 hours'],
    [47 * hour + 29 * minute, '47 hours'],
    [47.5 * hour, '2 days'],
    [13 * day, '13 days'],
    [14 * day, '2 weeks'],
    [60 * day, '2 months'],
    [2 * 365 * day, '2 years'],
  ];
  for (const [ms, text] of cases) {
    assert.equal(humanDuration(ms), text, `${ms} ms`);
  }
});

test('the shortest duration a wording allows, so a carried-forward age never runs ahead of the engine', () => {
  for (const ms of [0, 1000, 5000, 59_000, minute, 3 * minute, hour, 5 * hour, 3 * day, 3 * 7 * day, 90 * day, 3 * 365 * day]) {
    const text = humanDuration(ms);
    const shortest = parseHumanDuration(text);
    assert.ok(shortest !== undefined && shortest <= ms, `${text}: ${shortest} <= ${ms}`);
    assert.equal(humanDuration(shortest), text, `${text} is worded the same at its shortest duration`);
  }
  assert.equal(parseHumanDuration('a while'), undefined);
});

const statusAt = (status: string, observedAtMs: number, nowMs: number) => statusClock(status, observedAtMs).at(nowMs);

test('a status read at one time reads on at a later time, keeping its prefix and its health or pause suffix', () => {
  assert.equal(statusAt('Up Less than a second', t0, t0 + 4 * minute), 'Up 4 minutes');
  assert.equal(statusAt('Up Less than a second', t0, t0 + 5 * second + 300), 'Up 5 seconds');
  assert.equal(statusAt('Up About a minute (healthy)', t0, t0 + 3 * minute), 'Up 4 minutes (healthy)');
  assert.equal(statusAt('Up 2 seconds (health: starting)', t0, t0 + 1 * second), 'Up 3 seconds (health: starting)');
  assert.equal(statusAt('Up 5 minutes (Paused)', t0, t0 + 2 * hour), 'Up 2 hours (Paused)');
  assert.equal(statusAt('Exited (137) Less than a second ago', t0, t0 + 9 * minute), 'Exited (137) 9 minutes ago');
  assert.equal(statusAt('Restarting (1) 3 seconds ago', t0, t0 + 2 * second), 'Restarting (1) 5 seconds ago');
  for (const fixed of ['Created', 'Dead', 'Removal In Progress', 'Up sometime', 'Up 1 hour', '']) {
    assert.equal(statusAt(fixed, t0, t0 + hour), fixed, `"${fixed}" has no age to move`);
  }
  assert.equal(statusAt('Up 5 seconds', t0, t0 - minute), 'Up 5 seconds', 'a clock set back does not make it younger');
});

test('the next change of a status is computed to the millisecond: each second in the first minute, then each minute, then each hour', () => {
  const up = statusClock('Up Less than a second', t0);
  assert.equal(up.nextChange(t0), t0 + second);
  assert.equal(up.nextChange(t0 + 5 * second + 10), t0 + 6 * second);
  assert.equal(up.nextChange(t0 + 59 * second), t0 + minute);
  assert.equal(up.nextChange(t0 + minute), t0 + 2 * minute, '"About a minute" holds for a whole minute');
  assert.equal(up.nextChange(t0 + 10 * minute + 1), t0 + 11 * minute);
  assert.equal(up.nextChange(t0 + hour), t0 + 90 * minute);
  assert.equal(ageClock(t0 / 1000).nextChange(t0 + 3 * day), t0 + 4 * day - 500, 'relative times round to the second');
  assert.equal(statusClock('Created', t0).nextChange(t0), undefined, 'a status without an age never changes');
  assert.equal(joinClocks(statusClock('Up 3 hours', t0), ageClock(t0 / 1000 - 10)).nextChange(t0), t0 + 500, 'joined: the earliest change');
});

test('computed next changes agree with a search over the text, across seconds to years', () => {
  const clocks: Array<[string, ClockText]> = [
    ['Up Less than a second', statusClock('Up Less than a second', t0)],
    ['Exited (0) 3 hours ago', statusClock('Exited (0) 3 hours ago', t0)],
    ['Up 13 days (healthy)', statusClock('Up 13 days (healthy)', t0)],
    ['Up 7 weeks', statusClock('Up 7 weeks', t0)],
    ['Up 23 months', statusClock('Up 23 months', t0)],
    ['created 10 s before', ageClock(t0 / 1000 - 10)],
    ['created 400 days before', ageClock(t0 / 1000 - 400 * 86_400)],
  ];
  const offsets = [0, 1, 499, 500, 999, 59_999, 60_000, 119_999, 3_599_999, 5_399_999, 5_400_000, 47.5 * hour - 1, 47.5 * hour, 13.9 * day, 14 * day, 59.9 * day, 365 * day, 700 * day, 731 * day];
  for (const [title, clock] of clocks) {
    for (const offset of offsets) {
      const now = t0 + offset;
      assert.equal(clock.nextChange(now), searchNextChange(clock.at, now), `${title}, ${offset} ms on ("${clock.at(now)}")`);
    }
  }
});

test('local date-times are in the machine zone', () => {
  const local = new Date(2026, 2, 4, 5, 6, 7).getTime();
  assert.equal(localDateTime(local), '2026-03-04 05:06:07');
});

let fired: string[][];

beforeEach(() => {
  fired = [];
  // setTimeout and the clock under the test's control: ticking runs each timer at its time, with Date.now() then.
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: t0 });
});

afterEach(() => {
  mock.timers.reset();
});

/** Moves the clock on by `ms`, a second at most per step (a mocked tick moves the clock to its end before it runs timers). */
function advance(ms: number): void {
  for (let left = ms; left > 0; left -= second) {
    mock.timers.tick(Math.min(left, second));
  }
}

function liveTexts(): LiveTexts<string> {
  return new LiveTexts<string>((keys) => fired.push(keys));
}

test('a visible text is reported when, and only when, it changes: every second in the first minute, then every minute', () => {
  const texts = liveTexts();
  texts.setVisible(true);
  assert.equal(texts.track('web', statusClock('Up Less than a second', t0)), 'Up Less than a second');
  advance(999);
  assert.deepEqual(fired, [], 'nothing before the text changes');
  advance(1);
  assert.deepEqual(fired, [['web']]);
  advance(58 * second);
  assert.equal(fired.length, 59, 'one report a second in the first minute');
  fired = [];
  advance(60 * second);
  assert.deepEqual(fired, [['web']], '"About a minute" is one report for the second minute');
  advance(10 * minute);
  assert.equal(fired.length, 11, 'then one a minute');
  texts.dispose();
});

test('several texts share one timer, set for the first that changes; unchanged texts are not reported', () => {
  const texts = liveTexts();
  texts.setVisible(true);
  texts.track('old', statusClock('Up 3 hours', t0));
  texts.track('new', statusClock('Up 10 seconds', t0));
  texts.track('fixed', statusClock('Created', t0));
  assert.equal(texts.nextChangeAt, t0 + second);
  advance(second);
  assert.deepEqual(fired, [['new']]);
  fired = [];
  advance(hour);
  assert.ok(fired.some((keys) => keys.includes('old')), 'the hours text changed within the hour');
  assert.ok(fired.every((keys) => !keys.includes('fixed')));
  texts.dispose();
});

test('hidden, nothing runs; shown again, every stale text is reported at once and the timer resumes', () => {
  const texts = liveTexts();
  texts.track('web', statusClock('Up Less than a second', t0));
  advance(10 * minute);
  assert.deepEqual(fired, [], 'never shown: no timer');
  texts.setVisible(true);
  assert.deepEqual(fired, [['web']], 'shown: brought up to date at once');
  texts.setVisible(false);
  fired = [];
  advance(hour);
  assert.deepEqual(fired, [], 'hidden: no timer');
  texts.setVisible(true);
  assert.deepEqual(fired, [['web']]);
  fired = [];
  advance(20 * minute);
  assert.deepEqual(fired, [['web']], 'the timer runs again: "About an hour" became "2 hours" at 90 minutes');
  texts.clear();
  advance(hour);
  assert.deepEqual(fired, [['web']], 'cleared: nothing tracked, nothing reported');
  texts.dispose();
});

test('a row built from a container read at one time describes it at a later one (status, image, ports)', () => {
  const container = {
    Id: 'c1',
    Names: ['/web'],
    Image: 'nginx',
    ImageID: 'sha256:n',
    Command: '',
    Created: t0 / 1000,
    Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
    Labels: {},
    State: 'running',
    Status: 'Up Less than a second',
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  } as Docker.ContainerInfo;
  const [row] = containerTree([container], { groupBy: 'none', sortBy: 'name', nowMs: t0 + minute, observedAt: () => t0 });
  assert.equal(row.description, 'nginx · Up About a minute · 8080→80');
  assert.equal(row.describeAt?.(t0 + 4 * minute), 'nginx · Up 4 minutes · 8080→80');
  assert.match(row.tooltip?.(t0 + 4 * minute) ?? '', /State: `Up 4 minutes`/);
  assert.notEqual(row.clock?.at(t0 + 4 * minute), row.clock?.at(t0 + 5 * minute));
});
