/**
 * Runs one build through the engine's build API and reports its output, steps and outcome. With BuildKit
 * (`version=2`) the tar context is the request body, as with the classic builder: no session is needed. An
 * engine that refuses BuildKit gets the same build again with the classic builder, after a one-line notice.
 * Engine I/O without vscode; cancelling the signal aborts the HTTP request, which makes the engine cancel
 * the build (BuildKit's solve, or the classic builder's step and its container).
 */
import type Docker from 'dockerode';
import { forEachJsonMessage } from '../stream/jsonMessages';
import { packBuildContext } from './buildContext';
import { BuildFailure, BuildMessage, BuildOutputReader, BuildStepInfo } from './buildOutput';
import { BuildKitOutputReader } from './buildkitOutput';
import { Builder, BuilderSetting, chooseBuilder, isBuildKitRefusal } from './builderChoice';
import { engineMessage, engineStatusCode } from '../engine/errors';
import { showControlCharacters } from '../../server/dockerfile/text/controlCharacters';
import { AuthConfig, encodeRegistryConfigHeader } from '../registry/credentials/authConfig';
import { pullImage, registryOfReference } from '../registry/registryOperations';
import { dockerfileStages } from './dockerfileSteps';
import * as fs from 'node:fs';

export interface BuildRequest {
  contextDir: string;
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string;
  /** The platform to build for (`linux/arm64`); the engine's own when unset. */
  platform?: string;
  labels?: Record<string, string>;
  noCache?: boolean;
  /** The network of RUN steps (`default`, `none`, `host`, a network name); the engine's default when unset. */
  networkMode?: string;
  /** `auto` (the default) asks the engine which builder it prefers. */
  builder?: BuilderSetting;
  /** Credentials of every known registry, for the `FROM` pulls (`X-Registry-Config`); never logged. */
  registryConfig?: Record<string, AuthConfig>;
}

export interface BuildSink {
  output(text: string): void;
  /** Each step as it starts, in order (one progress update of BuildKit may start several). */
  step(step: BuildStepInfo): void;
  /** The builder the build starts with (a refused BuildKit build is followed by a notice instead). */
  builder?(builder: Builder): void;
  /** The share of the Dockerfile's steps started so far (0 to 1), after each message that may change it. */
  share?(fraction: number): void;
}

export type BuildResult =
  | { kind: 'succeeded'; imageId: string | undefined; builder: Builder }
  | { kind: 'failed'; failure: BuildFailure; builder: Builder }
  | { kind: 'cancelled' };

/** The `Builder-Version` header of the engine's `/_ping`; undefined when absent or the ping fails. */
export async function engineBuilderVersion(docker: Docker, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const response = await new Promise<NodeJS.ReadableStream & { headers?: Record<string, string | string[] | undefined> }>((resolve, reject) =>
      docker.modem.dial(
        { path: '/_ping', method: 'GET', isStream: true, abortSignal: signal, statusCodes: { 200: true } },
        (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)),
      ),
    );
    response.resume();
    const header = response.headers?.['builder-version'];
    return Array.isArray(header) ? header[0] : header;
  } catch {
    return undefined;
  }
}

/** The build API's query: only the parameters that are set. */
function buildQuery(request: BuildRequest, dockerfile: string, builder: Builder): Record<string, unknown> {
  const query: Record<string, unknown> = {
    dockerfile,
    t: request.tags.length > 0 ? request.tags : undefined,
    buildargs: Object.keys(request.buildArgs).length > 0 ? request.buildArgs : undefined,
    target: request.target,
    platform: request.platform || undefined,
    labels: request.labels && Object.keys(request.labels).length > 0 ? request.labels : undefined,
    nocache: request.noCache ? true : undefined,
    networkmode: request.networkMode || undefined,
    rm: true,
    forcerm: true,
    version: builder === 'buildkit' ? '2' : undefined,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

type Attempt = BuildResult | { kind: 'refused'; message: string };

async function attempt(docker: Docker, request: BuildRequest, builder: Builder, sink: BuildSink, signal: AbortSignal): Promise<Attempt> {
  const context = packBuildContext(request.contextDir, request.dockerfile, {
    onSkipped: (file) => sink.output(`Skipping "${showControlCharacters(file.path)}" (a ${file.kind}): special files are not sent in a build context.\n`),
  });
  const reader = builder === 'buildkit' ? new BuildKitOutputReader() : new BuildOutputReader();
  let response: NodeJS.ReadableStream;
  try {
    response = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      docker.modem.dial(
        {
          path: '/build?',
          method: 'POST',
          file: context.stream,
          options: buildQuery(request, context.dockerfile, builder),
          registryconfig: request.registryConfig && Object.keys(request.registryConfig).length > 0 ? { base64: encodeRegistryConfigHeader(request.registryConfig) } : undefined,
          abortSignal: signal,
          isStream: true,
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        },
        (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)),
      ),
    );
  } catch (error) {
    (context.stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    if (signal.aborted) {
      return { kind: 'cancelled' };
    }
    const message = engineMessage(error);
    if (builder === 'buildkit' && isBuildKitRefusal({ statusCode: engineStatusCode(error), message })) {
      return { kind: 'refused', message };
    }
    return { kind: 'failed', failure: { message }, builder };
  }
  await forEachJsonMessage<BuildMessage>(
    response,
    (message) => {
      const { text, steps } = reader.read(message);
      steps.forEach((step) => sink.step(step));
      const share = reader.share;
      if (share !== undefined) {
        sink.share?.(share);
      }
      sink.output(text);
    },
    signal,
  );
  if (signal.aborted) {
    return { kind: 'cancelled' };
  }
  // An engine that ignores `version=2` builds with the classic builder: say which builder really ran.
  const ran: Builder = reader instanceof BuildKitOutputReader && !reader.usedBuildKit ? 'classic' : builder;
  if (reader.failure) {
    return { kind: 'failed', failure: reader.failure, builder: ran };
  }
  return { kind: 'succeeded', imageId: reader.imageId, builder: ran };
}

/**
 * BuildKit without a client session reads no `X-Registry-Config`: the `FROM` images of registries we hold
 * credentials for, and that are not here yet, are pulled first with them (BuildKit then finds them in the
 * engine's image store).
 * A failed pull is said in one line; the build then reports what BuildKit makes of it.
 */
async function pullGuardedBases(docker: Docker, request: BuildRequest, sink: BuildSink, signal: AbortSignal): Promise<void> {
  const configs = request.registryConfig ?? {};
  if (Object.keys(configs).length === 0) return;
  let content: string;
  try {
    content = fs.readFileSync(request.dockerfile, 'utf8');
  } catch {
    return;
  }
  const stages = dockerfileStages(content);
  const stageNames = new Set(stages.map((stage) => stage.name?.toLowerCase()).filter(Boolean));
  const images = new Set(
    stages.map((stage) => stage.reference).filter((image): image is string => !!image && !image.includes('$') && !stageNames.has(image.toLowerCase()) && image !== 'scratch'),
  );
  for (const image of images) {
    const registry = registryOfReference(image);
    const auth = registry ? configs[registry] : undefined;
    if (!auth || signal.aborted) continue;
    // BuildKit in the engine prefers a local image: one already here is used as it is, not pulled again.
    if (await docker.getImage(image).inspect().then(() => true, () => false)) continue;
    const result = await pullImage(docker, image, () => undefined, signal, async () => auth);
    sink.output(result.ok ? `Pulled ${image} with the credentials of ${registry}.\n` : `${result.message}\n`);
  }
}

export async function runBuild(docker: Docker, request: BuildRequest, sink: BuildSink, signal: AbortSignal): Promise<BuildResult> {
  const setting = request.builder ?? 'auto';
  const builder = chooseBuilder(setting, setting === 'auto' ? await engineBuilderVersion(docker, signal) : undefined);
  if (signal.aborted) {
    return { kind: 'cancelled' };
  }
  sink.builder?.(builder);
  if (builder === 'buildkit') {
    await pullGuardedBases(docker, request, sink, signal);
  }
  const result = await attempt(docker, request, builder, sink, signal);
  if (result.kind !== 'refused') {
    return result;
  }
  sink.output(`BuildKit is not available on this engine (${result.message}); building with the classic builder.\n`);
  const classic = await attempt(docker, request, 'classic', sink, signal);
  return classic.kind === 'refused' ? { kind: 'failed', failure: { message: classic.message }, builder: 'classic' } : classic;
}
