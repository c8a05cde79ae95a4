/**
 * Runs one build through the engine's build API (classic builder, the one every engine version offers) and
 * reports its output, steps and outcome. Engine I/O without vscode; cancelling the signal aborts the HTTP
 * request, which makes the engine cancel the build and remove its intermediate container.
 */
import type Docker from 'dockerode';
import { forEachJsonMessage } from '../stream/jsonMessages';
import { packBuildContext } from './buildContext';
import { BuildFailure, BuildMessage, BuildOutputReader, BuildStepInfo } from './buildOutput';

export interface BuildRequest {
  contextDir: string;
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string;
  labels?: Record<string, string>;
  noCache?: boolean;
}

export interface BuildSink {
  output(text: string): void;
  step(step: BuildStepInfo): void;
}

export type BuildResult =
  | { kind: 'succeeded'; imageId: string | undefined }
  | { kind: 'failed'; failure: BuildFailure }
  | { kind: 'cancelled' };

export async function runBuild(docker: Docker, request: BuildRequest, sink: BuildSink, signal: AbortSignal): Promise<BuildResult> {
  const context = packBuildContext(request.contextDir, request.dockerfile);
  const reader = new BuildOutputReader();
  let response: NodeJS.ReadableStream;
  try {
    response = await docker.buildImage(context.stream, {
      dockerfile: context.dockerfile,
      t: request.tags.length > 0 ? request.tags : undefined,
      buildargs: request.buildArgs,
      target: request.target,
      labels: request.labels,
      nocache: request.noCache,
      rm: true,
      forcerm: true,
      abortSignal: signal,
    } as Docker.ImageBuildOptions);
  } catch (error) {
    if (signal.aborted) {
      return { kind: 'cancelled' };
    }
    const message = (error as { json?: { message?: string } }).json?.message ?? (error instanceof Error ? error.message : String(error));
    return { kind: 'failed', failure: { message } };
  }
  await forEachJsonMessage<BuildMessage>(
    response,
    (message) => {
      const { text, step } = reader.read(message);
      if (step) {
        sink.step(step);
      }
      sink.output(text);
    },
    signal,
  );
  if (signal.aborted) {
    return { kind: 'cancelled' };
  }
  if (reader.failure) {
    return { kind: 'failed', failure: reader.failure };
  }
  return { kind: 'succeeded', imageId: reader.imageId };
}
