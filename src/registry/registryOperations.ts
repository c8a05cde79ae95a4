/**
 * Pull, push and commit through the Engine API, each validated before the call and reporting per-layer
 * progress. Engine I/O without vscode.
 */
import type Docker from 'dockerode';
import { forEachJsonMessage } from '../stream/jsonMessages';
import { parseImageReference, splitRepositoryTag, formatImageReference } from './imageReference';
import { LayerProgress, ProgressMessage } from './layerProgress';
import { describeRegistryError } from './registryErrors';

export type OperationResult = { ok: true; detail?: string } | { ok: false; message: string };

function engineMessage(error: unknown): string {
  return (error as { json?: { message?: string } }).json?.message ?? (error instanceof Error ? error.message : String(error));
}

async function follow(stream: NodeJS.ReadableStream, progress: LayerProgress, onProgress: (progress: LayerProgress) => void, signal?: AbortSignal): Promise<void> {
  await forEachJsonMessage<ProgressMessage>(
    stream,
    (message) => {
      progress.read(message);
      onProgress(progress);
    },
    signal,
  );
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
  const progress = new LayerProgress();
  try {
    await follow(await docker.pull(reference, { abortSignal: signal }), progress, onProgress, signal);
  } catch (error) {
    return { ok: false, message: describeRegistryError('pull', reference, engineMessage(error)) };
  }
  if (signal?.aborted) {
    return { ok: false, message: `Pulling ${reference} was cancelled.` };
  }
  if (progress.error) {
    return { ok: false, message: describeRegistryError('pull', reference, progress.error) };
  }
  return { ok: true, detail: progress.lastStatus };
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
  const progress = new LayerProgress();
  try {
    // The engine wants an auth header even for anonymous pushes; credentials come from `docker login` in the engine's client config only.
    await follow(await image.push({ tag, authconfig: {}, abortSignal: signal } as Parameters<Docker.Image['push']>[0]), progress, onProgress, signal);
  } catch (error) {
    return { ok: false, message: describeRegistryError('push', reference, engineMessage(error)) };
  }
  if (progress.error) {
    return { ok: false, message: describeRegistryError('push', reference, progress.error) };
  }
  return { ok: true, detail: progress.lastStatus };
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
