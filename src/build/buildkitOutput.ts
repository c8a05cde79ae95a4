/**
 * Reads the message stream of a BuildKit build (`POST /build?version=2`): trace messages become the plain
 * progress text, the final `errorDetail` becomes the failure, located on the step that failed. Messages that
 * are not BuildKit's (`Successfully tagged …`, or a whole classic stream from an engine that ignores
 * `version=2`) are read as the classic builder's. Pure: fed one decoded message at a time.
 */
import { BuildFailure, BuildMessage, BuildOutputReader, BuildStepInfo, exitCodeIn } from './buildOutput';
import { BuildKitProgress, FailedStep } from './buildkitProgress';
import { traceOf } from './buildkitTrace';
import { failureOutputLines } from './failureOutput';

/** BuildKit's vertex resolving a base image: `[internal] load metadata for docker.io/library/alpine:3.20`. */
const metadataPattern = /^\[(?:\S+ )?internal\] load metadata for (\S+)$/;

/** The step the engine's final error is about: the one whose error it repeats, else the first that failed. */
function failingStep(message: string, failures: readonly FailedStep[]): FailedStep | undefined {
  return failures.find((failure) => message.includes(failure.error) || failure.error.includes(message)) ?? failures[0];
}

function summary(failed: FailedStep | undefined): string {
  if (!failed) {
    return '';
  }
  const lines = failed.tail.map((line) => `    ${line}\n`).join('');
  return `------\n > ${failed.name}:\n${lines}------\n`;
}

export class BuildKitOutputReader {
  private readonly progress = new BuildKitProgress();
  private readonly classic = new BuildOutputReader();
  private traced = false;
  private failureValue: BuildFailure | undefined;

  read(message: BuildMessage): { text: string; steps: BuildStepInfo[] } {
    let trace;
    try {
      trace = traceOf(message);
    } catch (error) {
      return { text: `(an unreadable BuildKit progress message was skipped: ${error instanceof Error ? error.message : String(error)})\n`, steps: [] };
    }
    if (trace) {
      this.traced = true;
      return this.progress.read(trace);
    }
    if (this.traced && (message.error !== undefined || message.errorDetail !== undefined)) {
      const text = (message.errorDetail?.message ?? message.error ?? 'The build failed.').trim();
      const failed = failingStep(text, this.progress.failures);
      const image = failed && !failed.step ? metadataPattern.exec(failed.name)?.[1] : undefined;
      const output = failed ? failureOutputLines(failed.stderr.length > 0 ? failed.stderr : failed.tail) : [];
      this.failureValue = {
        step: failed?.step,
        message: text,
        exitCode: message.errorDetail?.code ?? exitCodeIn(text),
        image,
        ...(output.length > 0 ? { output } : {}),
      };
      return { text: `${summary(failed)}ERROR: ${text}\n`, steps: [] };
    }
    return this.classic.read(message);
  }

  get step(): BuildStepInfo | undefined {
    return this.traced ? this.progress.step : this.classic.step;
  }

  get share(): number | undefined {
    return this.traced ? this.progress.share : this.classic.share;
  }

  get failure(): BuildFailure | undefined {
    return this.failureValue ?? this.classic.failure;
  }

  get imageId(): string | undefined {
    return this.classic.imageId;
  }

  /** True once a BuildKit trace arrived: the engine did build with BuildKit. */
  get usedBuildKit(): boolean {
    return this.traced;
  }
}
