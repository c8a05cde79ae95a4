/**
 * The job of a `docker-build` task: the build of the "Build Image" command (same runner; the caller adds the
 * same settings and records the outcome as the command does, a diagnostic on the failing Dockerfile line), with
 * its output in the task's terminal and the failing step's exit code as the task's. No vscode import.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { runBuild, type BuildRequest, type BuildResult } from '../build/buildRunner';
import type { AuthConfig } from '../registry/credentials/authConfig';
import { locateBuildFailure } from '../build/buildDiagnostic';
import { ansi } from '../terminal/pty';
import { failedBuildExitCode } from './definitions';
import type { TaskJob } from './taskTerminal';

/** What the editor keeps of a finished build (the build command's diagnostics). */
export type BuildOutcomeRecorder = (dockerfileText: string, result: BuildResult) => void;

/** The credentials of every registry the user is logged in to (what `FROM` pulls need), as the command sends them. */
export type RegistryCredentials = () => Promise<Record<string, AuthConfig>>;

export function buildJob(docker: Docker, request: BuildRequest, record: BuildOutcomeRecorder, credentials?: RegistryCredentials): TaskJob {
  return async (output, signal) => {
    let dockerfileText: string;
    try {
      dockerfileText = fs.readFileSync(request.dockerfile, 'utf8');
    } catch (error) {
      output.line(ansi.red(`Cannot read the Dockerfile ${request.dockerfile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`));
      return 1;
    }
    output.line(`Building ${path.basename(request.dockerfile)} in ${request.contextDir}${request.target ? ` (target ${request.target})` : ''}${request.tags.length > 0 ? ` as ${request.tags.join(', ')}` : ''}`);
    const registryConfig = await credentials?.().catch((error: unknown) => {
      output.line(`Registry credentials could not be read (${error instanceof Error ? error.message : String(error)}); FROM pulls go without them.`);
      return undefined;
    });
    const result = await runBuild(
      docker,
      registryConfig ? { ...request, registryConfig } : request,
      {
        output: (text) => output.write(text),
        builder: (builder) => output.line(builder === 'buildkit' ? 'Using BuildKit.' : 'Using the classic builder.'),
        step: () => undefined,
      },
      signal,
    );
    record(dockerfileText, result);
    if (result.kind === 'succeeded') {
      output.line(`\x1b[32mBuilt ${request.tags.join(', ') || result.imageId}.\x1b[0m`);
      return 0;
    }
    if (result.kind === 'cancelled') {
      output.line('Build cancelled.');
      return 130;
    }
    const problem = locateBuildFailure(dockerfileText, result.failure);
    output.line(ansi.red(`Build failed on line ${problem.startLine + 1} of ${path.basename(request.dockerfile)}: ${problem.message}`));
    return failedBuildExitCode(problem.exitCode);
  };
}
