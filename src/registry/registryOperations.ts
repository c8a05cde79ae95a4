/**
 * Pull, push and commit through the Engine API, each validated before the call and reporting per-layer
 * progress. Engine I/O without vscode.
 */
import type Docker from 'dockerode';
import { forEachJsonMessage } from '../stream/jsonMessages';
import { parseImageReference, splitRepositoryTag, formatImageReference } from './imageReference';
import { LayerProgress, ProgressMessage } from './layerProgress';
import { describeRegistryError } from './registryErrors';
import { engineMessage } from '../engine/errors';

export type OperationResult = { ok: true; detail?: string } | { ok: false; message: string };

/**
 * Streams one pull or push to its end, reading per-layer progress; the engine's error (in the HTTP reply or
 * in the stream) becomes a registry message a user can act on.
 */
async function transfer(
  operation: 'pull' | 'push',
  reference: string,
  start: () => Promise<NodeJS.ReadableStream>,
  onProgress: (progress: LayerProgress) => void,
  signal?: AbortSignal,
): Promise<OperationResult> {
  const progress = new LayerProgress();
  try {
    await forEachJsonMessage<ProgressMessage>(
      await start(),
      (message) => {
        progress.read(message);
        onProgress(progress);
      },
      signal,
    );
  } catch (error) {
    return { ok: false, message: describeRegistryError(operation, reference, engineMessage(error)) };
  }
  if (signal?.aborted) {
    return { ok: false, message: `${operation === 'pull' ? 'Pulling' : 'Pushing'} ${reference} was cancelled.` };
  }
  if (progress.error) {
    return { ok: false, message: describeRegistryError(operation, reference, progress.error) };
  }
  return { ok: true, detail: progress.lastStatus };
}

export async function pullImage(
  docker: Docker,
  input: string,
  onProgress: (progress: LayerProgress) => void,
  signal?: AbortSignal,
): Promise<OperationResult> {
  const parsed = parseImageReference(input);
  if (!parsed.ok) {
    return { ok: false, message: parsed.reason };
  }
  const reference = parsed.value.digest || parsed.value.tag ? formatImageReference(parsed.value) : `${formatImageReference(parsed.value)}:latest`;
  return transfer('pull', reference, () => docker.pull(reference, { abortSignal: signal }), onProgress, signal);
}

export async function pushImage(
  docker: Docker,
  input: string,
  onProgress: (progress: LayerProgress) => void,
  signal?: AbortSignal,
): Promise<OperationResult> {
  const parsed = parseImageReference(input);
  if (!parsed.ok) {
    return { ok: false, message: parsed.reason };
  }
  if (parsed.value.digest) {
    return { ok: false, message: `Push a tag, not a digest: "${input}".` };
  }
  const { repository, tag } = splitRepositoryTag(parsed.value);
  const reference = `${repository}:${tag}`;
  const image = docker.getImage(reference);
  try {
    await image.inspect();
  } catch {
    return { ok: false, message: `There is no local image ${reference} to push; tag an image with that name first.` };
  }
  // The engine wants an auth header even for anonymous pushes; credentials come from `docker login` in the engine's client config only.
  const options = { tag, authconfig: {}, abortSignal: signal } as Parameters<Docker.Image['push']>[0];
  return transfer('push', reference, () => image.push(options), onProgress, signal);
}

export interface CommitRequest {
  containerId: string;
  reference: string;
  message?: string;
  author?: string;
  /** Pause the container while committing (the engine's default, and the safe choice). */
  pause?: boolean;
  labels?: Record<string, string>;
}

export async function commitContainer(docker: Docker, request: CommitRequest): Promise<OperationResult & { imageId?: string }> {
  const parsed = parseImageReference(request.reference);
  if (!parsed.ok) {
    return { ok: false, message: parsed.reason };
  }
  if (parsed.value.digest) {
    return { ok: false, message: 'A commit creates a tag; a digest cannot be given.' };
  }
  const { repository, tag } = splitRepositoryTag(parsed.value);
  try {
    const result = (await docker.getContainer(request.containerId).commit({
      repo: repository,
      tag,
      comment: request.message || undefined,
      author: request.author || undefined,
      pause: request.pause ?? true,
      changes: Object.entries(request.labels ?? {}).map(([key, value]) => `LABEL ${key}=${JSON.stringify(value)}`),
    })) as { Id?: string };
    return { ok: true, imageId: result.Id, detail: `${repository}:${tag}` };
  } catch (error) {
    return { ok: false, message: `Could not commit the container: ${engineMessage(error)}` };
  }
}
