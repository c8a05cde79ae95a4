/**
 * The job of a `docker-compose` task: the Compose CLI (its implementation; not part of the Engine API), found
 * and run by the Compose runner against the engine Dockside is connected to, its output streamed and its exit
 * code the task's.
 */
import { findComposeCli } from '../compose/cli';
import { composeEnvironment } from '../compose/environment';
import { composeCommandLine, displayCommandLine } from '../compose/invocation';
import { processProbe, runComposeCommand } from '../compose/runner';
import { resolveEndpointFromProcess, type Endpoint } from '../engine/endpoint';
import { ansi } from '../terminal/pty';
import type { ComposeTask } from './definitions';
import type { TaskJob } from './taskTerminal';

/** The engine of the `dockside.host` setting (else DOCKER_HOST, the context, the default), as the explorer's. */
function endpointOf(host: string): Endpoint | undefined {
  try {
    return resolveEndpointFromProcess(host);
  } catch {
    return undefined;
  }
}

export function composeJob(task: ComposeTask, host: string): TaskJob {
  return async (output, signal) => {
    const env = composeEnvironment(process.env, endpointOf(host));
    const cli = await findComposeCli(processProbe(env));
    const line = composeCommandLine(cli, { files: task.files, envFiles: task.envFiles, profiles: task.profiles, cwd: task.cwd }, task.args);
    output.line(ansi.dim(`> ${displayCommandLine(line)}`));
    const result = await runComposeCommand(line, { env, onOutput: (text) => output.write(text), signal });
    if (result.startError) {
      output.line(ansi.red(`Compose could not start: ${result.startError}`));
      return 1;
    }
    if (result.cancelled) {
      output.line('Cancelled.');
      return 130;
    }
    return result.exitCode ?? 1;
  };
}
