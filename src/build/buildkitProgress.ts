/**
 * Turns BuildKit's decoded trace into the text `docker buildx build --progress=plain` prints: `#N name` when
 * a step starts, `#N 0.123 line` for its output, `#N CACHED`, `#N DONE 0.5s`, `#N ERROR: …`, one line per
 * finished transfer. Tracks the step in progress (for the notification) and the steps that failed (for the
 * diagnostic). Pure; memory is bounded by the number of steps, not by the output.
 */
import type { BuildStepInfo } from './buildOutput';
import type { Millis, StatusResponse, TraceStatus } from './buildkitTrace';

/** A Dockerfile step's vertex name: `[2/3] RUN …`, `[stage-1 2/4] COPY …`, `[linux/amd64 base  1/12] FROM …`. */
const stepNamePattern = /^\[([^\]]*?)\s*(\d+)\/(\d+)\]\s(.*)$/s;

export function parseStepName(name: string): BuildStepInfo | undefined {
  const match = stepNamePattern.exec(name);
  if (!match) {
    return undefined;
  }
  // Before the numbers: an optional platform (it has a `/`, a stage name cannot) and the stage.
  const words = match[1].trim().split(/\s+/).filter((word) => word !== '' && !word.includes('/'));
  return { number: Number(match[2]), total: Number(match[3]), text: match[4].trim(), stage: words.at(-1) ?? '' };
}

/** Longest partial output line kept while waiting for its end; longer ones are printed as they are. */
const MAX_PARTIAL = 8 * 1024;
/** The trace's stream number of a process's stderr (1 is stdout). */
const STDERR = 2;
/** Output lines of a step kept for the summary of a failed step. */
const TAIL_LINES = 10;

interface VertexState {
  name: string;
  /** A Dockerfile step (`[base 2/3] RUN …`), not one of BuildKit's own vertexes (`[internal] load …`). */
  isStep: boolean;
  /** Counted among the started steps. */
  counted: boolean;
  index: number | undefined;
  started: Millis;
  finished: boolean;
  partial: string;
  tail: string[];
  /** The unfinished last line of its stderr, and its last stderr lines. */
  errPartial: string;
  errTail: string[];
  doneStatuses: Set<string>;
}

export interface FailedStep {
  /** The vertex name, e.g. `[3/4] RUN make`. */
  name: string;
  step: BuildStepInfo | undefined;
  error: string;
  /** Its last output lines. */
  tail: string[];
  /** Its last lines written to stderr. */
  stderr: string[];
}

function seconds(from: Millis, to: Millis): string {
  return from !== undefined && to !== undefined ? `${Math.max(0, (to - from) / 1000).toFixed(1)}s` : '0.0s';
}

function bytes(value: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = value;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${size}B` : `${size.toFixed(2)}${units[unit]}`;
}

function isCancellation(error: string): boolean {
  return /context canceled/i.test(error);
}

export class BuildKitProgress {
  private readonly vertexes = new Map<string, VertexState>();
  private readonly failedSteps: FailedStep[] = [];
  private nextIndex = 1;
  /** The vertex whose block the last line belongs to. */
  private current: string | undefined;
  private currentStep: BuildStepInfo | undefined;
  private written = false;
  private knownSteps = 0;
  private startedSteps = 0;

  /** The text for one trace message, and the steps that started with it, in order (one update may start several). */
  read(response: StatusResponse): { text: string; steps: BuildStepInfo[] } {
    let text = '';
    const started: BuildStepInfo[] = [];
    const finished: Array<{ digest: string; cached: boolean; error: string; started: Millis; completed: Millis }> = [];
    for (const vertex of response.vertexes) {
      const state = this.stateOf(vertex.digest, vertex.name);
      if (vertex.started !== undefined && state.started === undefined) {
        state.started = vertex.started;
      }
      const begun = vertex.started !== undefined || vertex.cached;
      if (begun && state.isStep && !state.counted) {
        state.counted = true;
        this.startedSteps++;
      }
      if (begun && state.index === undefined) {
        text += this.header(vertex.digest, state);
        const step = parseStepName(vertex.name);
        if (step) {
          started.push(step);
          this.currentStep = step;
        }
      }
      if ((vertex.completed !== undefined || vertex.cached) && !state.finished) {
        finished.push({ digest: vertex.digest, cached: vertex.cached, error: vertex.error, started: vertex.started ?? state.started, completed: vertex.completed });
      }
    }
    for (const status of response.statuses) {
      text += this.status(status);
    }
    for (const log of response.logs) {
      const state = this.vertexes.get(log.vertex);
      if (!state) continue;
      const chunk = new TextDecoder().decode(log.msg);
      if (log.stream === STDERR) this.stderr(state, chunk);
      text += this.output(log.vertex, state, chunk, log.timestamp);
    }
    for (const done of finished) {
      text += this.finish(done.digest, done.cached, done.error, done.started, done.completed);
    }
    return { text, steps: started };
  }

  /** The step started last. */
  get step(): BuildStepInfo | undefined {
    return this.currentStep;
  }

  /**
   * The share of the Dockerfile's steps started (cached ones included), or undefined before BuildKit names any.
   * BuildKit announces the steps it will run, queued, once it has read the Dockerfile and its base images; a
   * step several stages share (the same base image) is one vertex.
   */
  get share(): number | undefined {
    return this.knownSteps > 0 ? this.startedSteps / this.knownSteps : undefined;
  }

  /** The steps that failed, in the order they did (cancelled ones left out). */
  get failures(): readonly FailedStep[] {
    return this.failedSteps;
  }

  private stateOf(digest: string, name: string): VertexState {
    let state = this.vertexes.get(digest);
    if (!state) {
      state = { name, isStep: stepNamePattern.test(name), counted: false, index: undefined, started: undefined, finished: false, partial: '', tail: [], errPartial: '', errTail: [], doneStatuses: new Set() };
      this.vertexes.set(digest, state);
      if (state.isStep) {
        this.knownSteps++;
      }
    }
    return state;
  }

  /** `#N name`, after a blank line when another block was being written. */
  private header(digest: string, state: VertexState): string {
    state.index ??= this.nextIndex++;
    this.current = digest;
    const text = `${this.written ? '\n' : ''}#${state.index} ${state.name}\n`;
    this.written = true;
    return text;
  }

  /** Repeats the header when the line belongs to another block than the last one. */
  private switchTo(digest: string, state: VertexState): string {
    return this.current === digest && state.index !== undefined ? '' : this.header(digest, state);
  }

  private status(status: TraceStatus): string {
    const state = this.vertexes.get(status.vertex);
    if (!state || status.completed === undefined || state.doneStatuses.has(status.id)) {
      return '';
    }
    // Transfers are collapsed to the line saying they are done.
    state.doneStatuses.add(status.id);
    const amount = status.total > 0 ? ` ${bytes(status.current)} / ${bytes(status.total)}` : status.current > 0 ? ` ${bytes(status.current)}` : '';
    const took = status.started !== undefined ? ` ${seconds(status.started, status.completed)}` : '';
    return `${this.switchTo(status.vertex, state)}#${state.index} ${status.name || status.id}${amount}${took} done\n`;
  }

  private output(digest: string, state: VertexState, chunk: string, at: Millis): string {
    const lines = (state.partial + chunk).split(/\r?\n/);
    state.partial = lines.pop() ?? '';
    if (state.partial.length > MAX_PARTIAL) {
      lines.push(state.partial);
      state.partial = '';
    }
    if (lines.length === 0) {
      return '';
    }
    const time = state.started !== undefined && at !== undefined ? ((at - state.started) / 1000).toFixed(3) : '0.000';
    let text = this.switchTo(digest, state);
    for (const line of lines) {
      text += `#${state.index} ${time} ${line}\n`;
      state.tail.push(line);
      if (state.tail.length > TAIL_LINES) state.tail.shift();
    }
    return text;
  }

  /** Keeps the last stderr lines apart from stdout's, for the diagnostic of a failed step. */
  private stderr(state: VertexState, chunk: string): void {
    const lines = (state.errPartial + chunk).split(/\r?\n/);
    state.errPartial = (lines.pop() ?? '').slice(0, MAX_PARTIAL);
    state.errTail.push(...lines);
    state.errTail.splice(0, Math.max(0, state.errTail.length - TAIL_LINES));
  }

  private finish(digest: string, cached: boolean, error: string, started: Millis, completed: Millis): string {
    const state = this.vertexes.get(digest);
    if (!state || state.finished) {
      return '';
    }
    state.finished = true;
    let text = '';
    if (state.partial !== '') {
      text += this.output(digest, state, '\n', completed);
    }
    if (state.index === undefined) {
      text += this.header(digest, state);
    } else {
      text += this.switchTo(digest, state);
    }
    if (error) {
      if (isCancellation(error)) {
        text += `#${state.index} CANCELED\n`;
      } else {
        text += `#${state.index} ERROR: ${error}\n`;
        const stderr = state.errPartial === '' ? state.errTail : [...state.errTail, state.errPartial];
        this.failedSteps.push({ name: state.name, step: parseStepName(state.name), error, tail: [...state.tail], stderr: [...stderr] });
      }
    } else {
      text += cached ? `#${state.index} CACHED\n` : `#${state.index} DONE ${seconds(started, completed)}\n`;
    }
    // Only failed steps need their last lines.
    state.tail = [];
    state.errTail = [];
    state.errPartial = '';
    state.doneStatuses.clear();
    return text;
  }
}
