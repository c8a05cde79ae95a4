/**
 * Maps a failed build to the place in the Dockerfile it comes from. Pure: returns plain ranges and text,
 * the vscode layer turns them into a `Diagnostic`.
 */
import { parseImageReference } from '../registry/imageReference';
import type { BuildFailure, BuildStepInfo } from './buildOutput';
import { buildKitStages, dockerfileSteps } from './dockerfileSteps';

export interface BuildProblem {
  startLine: number;
  endLine: number;
  endCharacter: number;
  message: string;
  exitCode?: number;
  /** The failing command's last lines (see BuildFailure.output); empty when it wrote none. */
  output: string[];
}

type Place = Pick<BuildProblem, 'startLine' | 'endLine' | 'endCharacter'>;

/** The classic builder echoes `RUN echo hi` for `RUN echo hi \`-continued lines; compare keywords only. */
function keywordOf(stepText: string): string {
  return stepText.split(/\s/, 1)[0].toUpperCase();
}

function classicPlace(dockerfile: string, step: BuildStepInfo): Place | undefined {
  const found = dockerfileSteps(dockerfile).find((candidate) => candidate.number === step.number);
  return found && keywordOf(step.text) === found.keyword ? found : undefined;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * BuildKit numbers steps per stage (`[stage-1 2/4] COPY …`). The step is looked up in its stage by number,
 * checked against its text; when they disagree (a Dockerfile edited since the build), by its text.
 */
function buildKitPlace(dockerfile: string, step: BuildStepInfo): Place | undefined {
  const stages = buildKitStages(dockerfile);
  const stage = step.stage ? stages.find((candidate) => candidate.name === step.stage) : stages.length === 1 ? stages[0] : undefined;
  if (!stage) {
    return undefined;
  }
  const text = step.text.replace(/^ONBUILD\s+/i, '');
  if (text !== step.text) {
    // A trigger of the base image runs as part of the FROM.
    return stage.from;
  }
  const keyword = keywordOf(text);
  const args = squash(text.slice(keyword.length));
  const echoes = (instruction: { keyword: string; text: string }) => instruction.keyword === keyword && args.endsWith(squash(instruction.text));
  const numbered = stage.steps[step.number - 1];
  if (numbered && echoes(numbered)) {
    return numbered;
  }
  // BuildKit echoes RUN with variables expanded, so the text may differ while the number is right.
  const candidates = [stage.from, ...stage.instructions].filter((instruction) => instruction.keyword === keyword);
  return candidates.find(echoes) ?? (numbered?.keyword === keyword ? numbered : candidates[0]);
}

/** An image reference in full, as BuildKit writes it: `alpine` → `docker.io/library/alpine:latest`. */
function fullImageName(reference: string): string | undefined {
  const parsed = parseImageReference(reference);
  if (!parsed.ok) return undefined;
  const { domain, path, tag, digest } = parsed.value;
  const repository = domain ? `${domain}/${path}` : `docker.io/${path.includes('/') ? path : `library/${path}`}`;
  return `${repository}${tag || !digest ? `:${tag ?? 'latest'}` : ''}${digest ? `@${digest}` : ''}`;
}

/** The FROM lines of the base image BuildKit could not load. */
function baseImagePlace(dockerfile: string, image: string): Place | undefined {
  const wanted = fullImageName(image) ?? image;
  return buildKitStages(dockerfile)
    .map((stage) => stage.from)
    .find((from) => {
      const base = from.text.trim().split(/\s+/).find((word) => !word.startsWith('--'));
      return base !== undefined && fullImageName(base) === wanted;
    });
}

/** `dockerfile parse error line 2: …` (both builders) names the line itself. */
function parseErrorPlace(dockerfile: string, message: string): Place | undefined {
  const match = /dockerfile parse error (?:on )?line (\d+)/i.exec(message);
  if (!match) {
    return undefined;
  }
  const line = Number(match[1]) - 1;
  const lines = dockerfile.split(/\r?\n/);
  return line >= 0 && line < lines.length ? { startLine: line, endLine: line, endCharacter: lines[line].length } : undefined;
}

export function locateBuildFailure(dockerfile: string, failure: BuildFailure): BuildProblem {
  const message = failure.exitCode !== undefined && !/non-zero code|exit code/.test(failure.message)
    ? `${failure.message} (exit code ${failure.exitCode})`
    : failure.message;
  const step = failure.step;
  const place = step
    ? step.stage === undefined ? classicPlace(dockerfile, step) : buildKitPlace(dockerfile, step)
    : failure.image !== undefined ? baseImagePlace(dockerfile, failure.image) : parseErrorPlace(dockerfile, failure.message);
  // No step (the build failed before the first one) or a Dockerfile edited since: point at the first instruction.
  const first = dockerfileSteps(dockerfile)[0];
  const where: Place = place ?? { startLine: first?.startLine ?? 0, endLine: first?.endLine ?? 0, endCharacter: first?.endCharacter ?? 0 };
  return { startLine: where.startLine, endLine: where.endLine, endCharacter: where.endCharacter, message, exitCode: failure.exitCode, output: failure.output ?? [] };
}
