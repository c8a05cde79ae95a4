/**
 * Reads the classic builder's JSON message stream (`{"stream": "Step 2/5 : RUN …"}`, `{"aux": {"ID": …}}`,
 * `{"error": …, "errorDetail": {"code": …}}`) into what the UI shows: the text, the current step and the
 * outcome. Pure: fed one decoded message at a time.
 */
import { failureOutputLines, plainLine } from './failureOutput';

export interface BuildMessage {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { code?: number; message?: string };
  /** The image id (`{ ID }`), or with BuildKit also a base64 trace (`id` is `moby.buildkit.trace`). */
  aux?: { ID?: string } | string;
}

export interface BuildStepInfo {
  number: number;
  total: number;
  /** The instruction as the builder echoes it, e.g. `RUN make`. */
  text: string;
  /**
   * Set by BuildKit, which numbers steps within each stage (`[stage-1 2/4] COPY …`): the stage as BuildKit
   * names it (its `AS` name in lower case, else `stage-<index>`), or '' when the Dockerfile has one stage.
   * Undefined for the classic builder, which numbers the instructions of the whole file.
   */
  stage?: string;
}

/** BuildKit's step prefix without brackets: `stage-1 2/4`, or `2/4` for a one-stage Dockerfile. */
function buildKitNumber(step: BuildStepInfo): string {
  return `${step.stage ? `${step.stage} ` : ''}${step.number}/${step.total}`;
}

/** The step as the builder shows it: `Step 2/5: RUN make` (classic) or `[stage-1 2/4] COPY . /src` (BuildKit). */
export function describeStep(step: BuildStepInfo): string {
  return step.stage === undefined ? `Step ${step.number}/${step.total}: ${step.text}` : `[${buildKitNumber(step)}] ${step.text}`;
}

/** The step in a sentence: `step 3` (classic) or `step [stage-1 2/4]` (BuildKit). */
export function stepLabel(step: BuildStepInfo): string {
  return step.stage === undefined ? `step ${step.number}` : `step [${buildKitNumber(step)}]`;
}

export interface BuildFailure {
  /** The step that was running when the build failed; undefined when it failed before any step (e.g. bad context). */
  step?: BuildStepInfo;
  message: string;
  /** The failing command's exit code when the engine gives one. */
  exitCode?: number;
  /**
   * The failing command's last lines, trimmed (see failureOutputLines): its stderr with BuildKit (its output
   * when it wrote nothing to stderr); with the classic builder, which merges the two streams, its output.
   */
  output?: string[];
  /** A base image BuildKit could not load (its `[internal] load metadata for …` failed), as BuildKit names it. */
  image?: string;
}

/** Output lines of the current step kept, and the longest unfinished line kept, for a failure's diagnostic. */
const KEPT_LINES = 10;
const STDERR_COLOUR = '\x1b[91m';
const MAX_KEPT_WIDTH = 8 * 1024;

const stepPattern = /^Step (\d+)\/(\d+) : (.*)$/m;
const nonZeroPattern = /returned a non-zero code: (\d+)|exit code: (\d+)/;

/** The failing command's exit code in an engine message (classic `returned a non-zero code: 3`, BuildKit `exit code: 3`). */
export function exitCodeIn(message: string): number | undefined {
  const match = nonZeroPattern.exec(message);
  return match ? Number(match[1] ?? match[2]) : undefined;
}

/** Lines the classic builder writes about a step, not the step's command: ` ---> Running in 0123…`, ` ---> 4f5e…`. */
const builderLine = /^\s*(---> |Removing intermediate container |Successfully (built|tagged) )/;

export class BuildOutputReader {
  private current: BuildStepInfo | undefined;
  /** The current step's output lines (the last few), its unfinished last line, and its last stderr lines. */
  private stepOutput: string[] = [];
  private partial = '';
  private stepStderr: string[] = [];
  private failureValue: BuildFailure | undefined;
  private imageIdValue: string | undefined;

  /** Returns the terminal text for a message, the steps it starts, and updates the step/outcome state. */
  read(message: BuildMessage): { text: string; steps: BuildStepInfo[] } {
    if (message.error !== undefined || message.errorDetail !== undefined) {
      const text = message.errorDetail?.message ?? message.error ?? 'The build failed.';
      const exitCode = message.errorDetail?.code ?? exitCodeIn(text);
      const output = failureOutputLines(
        this.stepStderr.length > 0 ? this.stepStderr : [...this.stepOutput, this.partial].filter((line) => !builderLine.test(plainLine(line))),
      );
      this.failureValue = { step: this.current, message: text.trim(), exitCode, ...(output.length > 0 ? { output } : {}) };
      return { text: `${text.trimEnd()}\n`, steps: [] };
    }
    if (typeof message.aux === 'object' && message.aux.ID) {
      this.imageIdValue = message.aux.ID;
      return { text: '', steps: [] };
    }
    if (message.stream !== undefined) {
      const match = stepPattern.exec(message.stream);
      if (match) {
        this.current = { number: Number(match[1]), total: Number(match[2]), text: match[3].trim() };
        this.stepOutput = [];
        this.partial = '';
        this.stepStderr = [];
        return { text: message.stream, steps: [this.current] };
      }
      this.keep(message.stream);
      return { text: message.stream, steps: [] };
    }
    if (message.status !== undefined) {
      // Pulls of base images inside a build: one line per layer status.
      const id = message.id ? `${message.id}: ` : '';
      return { text: `${id}${message.status}${message.progress ? ` ${message.progress}` : ''}\n`, steps: [] };
    }
    return { text: '', steps: [] };
  }

  /**
   * Keeps the current step's last output lines for the diagnostic of a failure; the classic builder sends what
   * the command wrote to stderr in chunks of their own, coloured bright red (`\x1b[91m…\x1b[0m`).
   */
  private keep(text: string): void {
    if (text.startsWith(STDERR_COLOUR)) {
      this.stepStderr.push(...text.split(/\r?\n/).filter((line) => plainLine(line).trim() !== ''));
      this.stepStderr.splice(0, Math.max(0, this.stepStderr.length - KEPT_LINES));
    }
    const lines = (this.partial + text).split(/\r?\n/);
    this.partial = (lines.pop() ?? '').slice(-MAX_KEPT_WIDTH);
    this.stepOutput.push(...lines.filter((line) => !builderLine.test(plainLine(line))));
    this.stepOutput.splice(0, Math.max(0, this.stepOutput.length - KEPT_LINES));
  }

  get step(): BuildStepInfo | undefined {
    return this.current;
  }

  /** The share of the Dockerfile's steps started (`Step 3/5`), or undefined before the first. */
  get share(): number | undefined {
    return this.current ? this.current.number / this.current.total : undefined;
  }

  get failure(): BuildFailure | undefined {
    return this.failureValue;
  }

  get imageId(): string | undefined {
    return this.imageIdValue;
  }
}
