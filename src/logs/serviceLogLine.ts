/**
 * A line of a service's logs read with `details=true`: `[timestamp ]k=v,k=v text`, the attributes naming the
 * task, node and service the line came from (values URL-escaped). Pure.
 */

export interface ServiceLogLine {
  /** The timestamp and its space, when timestamps are shown ('' otherwise). */
  stamp: string;
  taskId: string | undefined;
  text: string;
}

const stampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2}) /;
const detailsPattern = /^((?:[A-Za-z0-9._-]+=[^ ,]*)(?:,[A-Za-z0-9._-]+=[^ ,]*)*)(?: |$)/;

function unescape(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

export function parseServiceLogLine(line: string): ServiceLogLine {
  const stamp = stampPattern.exec(line)?.[0] ?? '';
  const rest = line.slice(stamp.length);
  const details = detailsPattern.exec(rest);
  if (!details) {
    return { stamp, taskId: undefined, text: rest };
  }
  const attributes = new Map(details[1].split(',').map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), unescape(pair.slice(at + 1))] as const;
  }));
  const taskId = attributes.get('com.docker.swarm.task.id');
  if (!taskId) {
    // Not the engine's details: a line of the program that starts with `k=v`.
    return { stamp, taskId: undefined, text: rest };
  }
  return { stamp, taskId, text: rest.slice(details[0].length) };
}
