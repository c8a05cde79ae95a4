import type { ExplorerNode, NodeIcon } from '../explorer/nodes';
import type { ContainerHealth } from '../explorer/present/containers';
import { markdownText, stripControlCharacters } from '../explorer/present/markdownText';
import { localDateTime } from '../explorer/present/time';
import { EngineHealth, healthMarkdown } from './healthLog';

/** Context values of the Health rows (menus match them; none starts with `container`). */
export const healthContext = { status: 'healthStatus', probe: 'healthProbe' } as const;

/** The container row the Health rows hang under: its engine id, name and tree id. */
export interface HealthParent {
  id: string;
  name: string;
  treeId: string;
  engine?: string;
}

/** One health probe as a row shows it. */
export interface ProbeRow {
  /** When the probe started, local time (`2026-01-10 12:00:00`); the engine's text when it is no date. */
  time: string;
  exitCode: number | undefined;
  /** The output's first non-blank line, control characters stripped. */
  firstLine: string;
  /** The whole output, trimmed. */
  output: string;
  /** Stable across refreshes: the engine's start time of the probe. */
  key: string;
}

const healthIcons: Record<NonNullable<ContainerHealth>, NodeIcon> = {
  healthy: { id: 'pass-filled', color: 'charts.green' },
  unhealthy: { id: 'warning', color: 'charts.red' },
  starting: { id: 'loading~spin', color: 'charts.yellow' },
};

/** `healthy`, `starting`, `unhealthy` from the engine's `State.Health.Status`; undefined for anything else (`none`). */
export function healthState(status: string | undefined): ContainerHealth {
  return status === 'healthy' || status === 'unhealthy' || status === 'starting' ? status : undefined;
}

/** `healthy`, `unhealthy · failing streak 3`, `starting · failing streak 1`. Pure. */
export function healthDescription(state: NonNullable<ContainerHealth>, failingStreak: number | undefined): string {
  return failingStreak ? `${state} · failing streak ${failingStreak}` : state;
}

function probeTime(text: string | undefined): string {
  const ms = text ? Date.parse(text) : Number.NaN;
  return Number.isFinite(ms) ? localDateTime(ms) : stripControlCharacters(text ?? '');
}

/** The engine's health log (oldest first, at most five probes) as rows, newest first. Pure. */
export function probeRows(health: EngineHealth | undefined): ProbeRow[] {
  return [...(health?.Log ?? [])].reverse().map((probe, index) => {
    const output = (probe.Output ?? '').trim();
    const firstLine = output.split(/\r?\n/).find((line) => line.trim()) ?? '';
    return {
      time: probeTime(probe.Start ?? probe.End),
      exitCode: probe.ExitCode,
      firstLine: stripControlCharacters(firstLine).trim(),
      output,
      key: probe.Start ?? probe.End ?? `#${index}`,
    };
  });
}

/** The whole output of a probe as inert Markdown, line by line (see markdownText.ts), for its row's tooltip. */
export function probeTooltip(row: ProbeRow): string {
  const heading = `**Probe at ${markdownText(row.time)}: exit ${row.exitCode ?? '?'}**`;
  const lines = row.output
    .split(/\r?\n/)
    .map((line) => markdownText(line).trim())
    .filter(Boolean);
  return [heading, '', lines.length > 0 ? lines.join('  \n') : '*(no output)*'].join('\n');
}

function probeNode(parent: HealthParent, row: ProbeRow): ExplorerNode {
  const passed = row.exitCode === 0;
  return {
    kind: 'healthProbe',
    id: parent.id,
    name: row.time,
    engine: parent.engine,
    treeId: `${parent.treeId}/health/${row.key}`,
    label: row.time,
    description: [`exit ${row.exitCode ?? '?'}`, row.firstLine].filter(Boolean).join(' · '),
    icon: passed ? { id: 'pass', color: 'charts.green' } : { id: 'error', color: 'charts.red' },
    contextValue: healthContext.probe,
    tooltip: () => probeTooltip(row),
  };
}

/**
 * The "Health" row under a container with a health check: its state and failing streak, the last probes as
 * children (newest first). `health` is the inspect answer's `State.Health`; when it could not be read, the row
 * shows `listed` (the state from the container's list data) and one child says why. Pure.
 */
export function healthNode(parent: HealthParent, listed: NonNullable<ContainerHealth>, health: EngineHealth | undefined, failure?: string): ExplorerNode {
  const state = healthState(health?.Status) ?? listed;
  const rows = probeRows(health);
  const children: ExplorerNode[] = rows.map((row) => probeNode(parent, row));
  if (failure !== undefined || children.length === 0) {
    const text = failure ?? 'No probe has run yet.';
    children.push({
      kind: 'message',
      id: parent.id,
      name: text,
      engine: parent.engine,
      treeId: `${parent.treeId}/health#message`,
      label: text,
      icon: { id: failure === undefined ? 'info' : 'warning' },
      contextValue: 'health.message',
    });
  }
  return {
    kind: 'containerHealth',
    id: parent.id,
    name: parent.name,
    engine: parent.engine,
    treeId: `${parent.treeId}/health`,
    label: 'Health',
    description: healthDescription(state, health?.FailingStreak),
    icon: healthIcons[state],
    contextValue: healthContext.status,
    tooltip: () => healthMarkdown(health ?? { Status: state }) ?? '',
    children,
  };
}
