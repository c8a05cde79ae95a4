/**
 * What the build commands need to know of a Dockerfile: its stages (for the target pick) and the line
 * range of each instruction, in the order the classic builder numbers its steps. Pure.
 */
import { DockerfileParser } from 'dockerfile-ast';

export interface DockerfileStep {
  /** 1-based, as in the classic builder's "Step N/M". */
  number: number;
  keyword: string;
  /** 0-based lines, as in LSP and VS Code ranges. */
  startLine: number;
  endLine: number;
  endCharacter: number;
}

export interface DockerfileStage {
  /** The `AS name` of the stage, or its index when it has none (both are valid `--target` values only when named). */
  name: string | undefined;
  index: number;
  image: string | undefined;
  /** The base as written, with its tag or digest (`registry:5000/app:1`). */
  reference?: string;
  line: number;
}

export function dockerfileSteps(content: string): DockerfileStep[] {
  return DockerfileParser.parse(content)
    .getInstructions()
    .map((instruction, index) => {
      const range = instruction.getRange();
      return {
        number: index + 1,
        keyword: instruction.getKeyword().toUpperCase(),
        startLine: range.start.line,
        endLine: range.end.line,
        endCharacter: range.end.character,
      };
    });
}

export function dockerfileStages(content: string): DockerfileStage[] {
  return DockerfileParser.parse(content)
    .getFROMs()
    .map((from, index) => ({
      name: from.getBuildStage() ?? undefined,
      index,
      image: from.getImageName() ?? undefined,
      reference: from.getImage() ?? undefined,
      line: from.getRange().start.line,
    }));
}

/** Instructions BuildKit numbers as steps of a stage (with the stage's FROM when its base is an image). */
const buildKitStepKeywords = new Set(['ADD', 'COPY', 'RUN', 'WORKDIR']);

interface StageInstruction {
  keyword: string;
  /** The arguments with line continuations removed, as BuildKit echoes them. */
  text: string;
  startLine: number;
  endLine: number;
  endCharacter: number;
}

export interface BuildKitStage {
  /** As BuildKit names it in step names: the `AS` name in lower case, else `stage-<index>`. */
  name: string;
  from: StageInstruction;
  /** The stage's instructions in BuildKit's step order: `[stage i/n]` is `steps[i - 1]`. */
  steps: StageInstruction[];
  /** Every instruction of the stage after its FROM. */
  instructions: StageInstruction[];
}

/** The stages of a Dockerfile with the steps BuildKit numbers in each (its dockerfile2llb rules). Pure. */
export function buildKitStages(content: string): BuildKitStage[] {
  const stages: BuildKitStage[] = [];
  const aliases = new Set<string>();
  for (const instruction of DockerfileParser.parse(content).getInstructions()) {
    const range = instruction.getRange();
    const item: StageInstruction = {
      keyword: instruction.getKeyword().toUpperCase(),
      text: instruction.getArgumentsContent() ?? '',
      startLine: range.start.line,
      endLine: range.end.line,
      endCharacter: range.end.character,
    };
    if (item.keyword === 'FROM') {
      const words = item.text.trim().split(/\s+/);
      const base = (words.find((word) => !word.startsWith('--')) ?? '').toLowerCase();
      const alias = words.length >= 2 && words.at(-2)?.toUpperCase() === 'AS' ? words.at(-1)?.toLowerCase() : undefined;
      // A stage built on another stage, or on scratch, has no FROM step.
      const fromStep = base !== 'scratch' && !aliases.has(base);
      if (alias) aliases.add(alias);
      stages.push({ name: alias ?? `stage-${stages.length}`, from: item, steps: fromStep ? [item] : [], instructions: [] });
    } else if (stages.length > 0) {
      const stage = stages[stages.length - 1];
      stage.instructions.push(item);
      if (buildKitStepKeywords.has(item.keyword)) {
        stage.steps.push(item);
      }
    }
  }
  return stages;
}
