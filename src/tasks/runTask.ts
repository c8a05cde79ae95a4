/**
 * The job of a `docker-run` task: creates the container of the "Run" command's spec (same `toCreateOptions`),
 * starts it, and either ends at once (detached) or streams its output and ends with its exit code.
 */
import type Docker from 'dockerode';
import { Writable } from 'node:stream';
import { toCreateOptions } from '../run/runSpec';
import type { RunTask } from './definitions';
import type { TaskJob } from './taskTerminal';

function sink(write: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      write(chunk.toString('utf8'));
      callback();
    },
  });
}

/** Resolves once the attach stream has ended (or at most 2 s after the exit, should the engine keep it open). */
function outputEnd(stream: NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean }): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, 2000);
    function done() {
      clearTimeout(timer);
      resolve();
    }
    stream.once('end', done);
    stream.once('close', done);
  });
}

export function runJob(docker: Docker, task: RunTask): TaskJob {
  return async (output, signal) => {
    const { spec } = task;
    const container = await docker.createContainer({ ...toCreateOptions(spec), abortSignal: signal });
    const name = spec.name ?? (await container.inspect()).Name.replace(/^\//, '');
    if (task.detached) {
      await container.start();
      output.line(`Started ${name} (${container.id.slice(0, 12)}) from ${spec.image}.`);
      return 0;
    }
    // Attached before the start, so the first output is not missed.
    const stream = (await container.attach({ stream: true, stdout: true, stderr: true, abortSignal: signal })) as NodeJS.ReadableStream;
    docker.modem.demuxStream(stream, sink(output.write), sink(output.write));
    const exited = container.wait({ condition: 'next-exit', abortSignal: signal }) as Promise<{ StatusCode: number }>;
    await container.start();
    output.line(`Started ${name} (${container.id.slice(0, 12)}) from ${spec.image}; following its output until it exits.`);
    const { StatusCode } = await exited;
    // The output may trail the exit by a moment: the stream ends once the engine sent all of it.
    await outputEnd(stream as NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean });
    output.line(`${name} exited with code ${StatusCode}.`);
    return StatusCode;
  };
}
