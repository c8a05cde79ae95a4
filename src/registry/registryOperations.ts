/**
 * Pull, push and commit through the Engine API, each validated before the call and reporting per-layer
 * progress. Engine I/O without vscode.
 */
import type Docker from 'dockerode';
import { forEachJsonMessage } from '../stream/jsonMessages';
import { parseImageReference, splitRepositoryTag, formatImageReference } from './imageReference';
import { LayerProgress, ProgressMessage } from './layerProgress';
import { describeRegistryError, isRefusedLogin } from './registryErrors';
import { engineMessage } from '../engine/errors';
import { AuthConfig, encodeRegistryAuthHeader } from './credentials/authConfig';
import { registryDisplayName, registryOfDomain } from './credentials/registryHost';

/** A failure names `refusedBy` (the registry's credential key) when the registry refused the login. */
export type OperationResult = { ok: true; detail?: string } | { ok: false; message: string; refusedBy?: string };

/** The registry (credential key) an image reference lives in; Docker Hub when it names no domain. */
export function registryOfReference(input: string): string | undefined {
  const parsed = parseImageReference(input);
  return parsed.ok ? registryOfDomain(parsed.value.domain) : undefined;
}

/** The credentials to send with a pull or push of `reference`; undefined sends an anonymous (empty) auth. */
export type AuthLookup = (registry: string) => Promise<AuthConfig | undefined>;

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
  const registry = registryOfReference(reference);
  const refused = (raw: string): OperationResult => ({
    ok: false,
    message: describeRegistryError(operation, reference, raw, registry ? registryDisplayName(registry) : undefined),
    refusedBy: registry && isRefusedLogin(raw) ? registry : undefined,
  });
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
    return refused(engineMessage(error));
  }
  if (signal?.aborted) {
    return { ok: false, message: `${operation === 'pull' ? 'Pulling' : 'Pushing'} ${reference} was cancelled.` };
  }
  if (progress.error) {
    return refused(progress.error);
  }
  return { ok: true, detail: progress.lastStatus };
}

export async function pullImage(
  docker: Docker,
  input: string,
  onProgress: (progress: LayerProgress) => void,
  signal?: AbortSignal,
  auth?: AuthLookup,
): Promise<OperationResult> {
  const parsed = parseImageReference(input);
  if (!parsed.ok) {
    return { ok: false, message: parsed.reason };
  }
  const reference = parsed.value.digest || parsed.value.tag ? formatImageReference(parsed.value) : `${formatImageReference(parsed.value)}:latest`;
  const authconfig = await registryAuth(auth, registryOfDomain(parsed.value.domain));
  if (typeof authconfig === 'string') return { ok: false, message: authconfig };
  return transfer('pull', reference, () => docker.pull(reference, { abortSignal: signal, authconfig }), onProgress, signal);
}

export async function pushImage(
  docker: Docker,
  input: string,
  onProgress: (progress: LayerProgress) => void,
  signal?: AbortSignal,
  auth?: AuthLookup,
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
  const authconfig = await registryAuth(auth, registryOfDomain(parsed.value.domain));
  if (typeof authconfig === 'string') return { ok: false, message: authconfig };
  // The engine wants an auth header even for an anonymous push.
  const options = { tag, authconfig, abortSignal: signal } as Parameters<Docker.Image['push']>[0];
  return transfer('push', reference, () => image.push(options), onProgress, signal);
}

/**
 * The `X-Registry-Auth` for `registry` (dockerode sends a `{ base64 }` value as it is); a string is a
 * failure to read the credentials, in words.
 */
async function registryAuth(lookup: AuthLookup | undefined, registry: string): Promise<{ base64: string } | string> {
  try {
    return { base64: encodeRegistryAuthHeader(lookup ? await lookup(registry) : undefined) };
  } catch (error) {
    return `Could not read the credentials for ${registryDisplayName(registry)}: ${error instanceof Error ? error.message : String(error)}`;
  }
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
