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
      line: from.getRange().start.line,
    }));
}
