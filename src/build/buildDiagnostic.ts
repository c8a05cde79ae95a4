/**
 * Maps a failed build to the place in the Dockerfile it comes from. Pure: returns plain ranges and text,
 * the vscode layer turns them into a `Diagnostic`.
 */
import type { BuildFailure } from './buildOutput';
import { dockerfileSteps } from './dockerfileSteps';

export interface BuildProblem {
  startLine: number;
  endLine: number;
  endCharacter: number;
  message: string;
  exitCode?: number;
}

/** The classic builder echoes `RUN echo hi` for `RUN echo hi \`-continued lines; compare keywords only. */
function keywordOf(stepText: string): string {
  return stepText.split(/\s/, 1)[0].toUpperCase();
}

export function locateBuildFailure(dockerfile: string, failure: BuildFailure): BuildProblem {
  const message = failure.exitCode !== undefined && !/non-zero code/.test(failure.message)
    ? `${failure.message} (exit code ${failure.exitCode})`
    : failure.message;
  const steps = dockerfileSteps(dockerfile);
  const step = failure.step ? steps.find((candidate) => candidate.number === failure.step?.number) : undefined;
  if (step && failure.step && keywordOf(failure.step.text) === step.keyword) {
    return { startLine: step.startLine, endLine: step.endLine, endCharacter: step.endCharacter, message, exitCode: failure.exitCode };
  }
  // No step (the build failed before the first one) or a Dockerfile edited since: point at the first line.
  const first = steps[0];
  return { startLine: first?.startLine ?? 0, endLine: first?.endLine ?? 0, endCharacter: first?.endCharacter ?? 0, message, exitCode: failure.exitCode };
}
