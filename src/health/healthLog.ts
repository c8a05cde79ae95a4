import { markdownText } from '../explorer/present/markdownText';

/** `State.Health` of a container's inspect answer (present when its image or run set a health check). */
export interface EngineHealth {
  Status?: string;
  FailingStreak?: number;
  Log?: Array<{ Start?: string; End?: string; ExitCode?: number; Output?: string }>;
}

/**
 * The last health probes as Markdown for a tooltip: status and failing streak, then each probe (newest first)
 * with its time, exit code and output (trimmed, made inert). Pure.
 */
export function healthMarkdown(health: EngineHealth | undefined, lastProbes = 3, maxOutput = 300): string | undefined {
  if (!health?.Status) return undefined;
  const lines = [`**Health: ${markdownText(health.Status)}**${health.FailingStreak ? ` (failing streak ${health.FailingStreak})` : ''}`];
  for (const probe of [...(health.Log ?? [])].reverse().slice(0, lastProbes)) {
    const output = (probe.Output ?? '').trim();
    const shown = output.length > maxOutput ? `${output.slice(0, maxOutput)}…` : output;
    lines.push(`- ${markdownText(probe.End ?? probe.Start ?? '')} exit ${probe.ExitCode ?? '?'}${shown ? `: ${markdownText(shown)}` : ''}`);
  }
  return lines.join('\n');
}
