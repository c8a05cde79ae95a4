import type Docker from 'dockerode';
import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { forEachJsonMessage } from '../stream/jsonMessages';

/** Told the bytes moved so far, as they move. */
export type OnBytes = (bytes: number) => void;

function counter(onBytes: OnBytes): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      onBytes(total);
      done(null, chunk);
    },
  });
}

/**
 * Writes a tar stream from the engine to `file`, counting bytes. The file is written beside the target first and
 * renamed when complete, so a failed or cancelled transfer never leaves a truncated tar under the chosen name
 * (nor replaces a file that was there).
 */
async function streamToFile(source: NodeJS.ReadableStream, file: string, onBytes: OnBytes, signal?: AbortSignal): Promise<number> {
  const partial = `${file}.partial-${process.pid}`;
  let total = 0;
  try {
    await pipeline(source, counter((bytes) => onBytes((total = bytes))), fs.createWriteStream(partial), { signal });
    await fs.promises.rename(partial, file);
    return total;
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    (source as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    throw error;
  }
}

/** `GET /containers/{id}/export` into a tar file; resolves to the bytes written. */
export async function exportContainer(docker: Docker, id: string, file: string, onBytes: OnBytes, signal?: AbortSignal): Promise<number> {
  const stream = await docker.getContainer(id).export();
  return streamToFile(stream, file, onBytes, signal);
}

/** The size of a container's file system, for a progress bar (undefined when the engine does not say). */
export async function containerFsSize(docker: Docker, id: string): Promise<number | undefined> {
  const inspect = docker.getContainer(id).inspect.bind(docker.getContainer(id)) as unknown as (options: { size: boolean }) => Promise<{ SizeRootFs?: number }>;
  const info = await inspect({ size: true });
  return typeof info.SizeRootFs === 'number' && info.SizeRootFs > 0 ? info.SizeRootFs : undefined;
}

/** `GET /images/get?names=…` into a tar file (one or more images, tags kept); resolves to the bytes written. */
export async function saveImages(docker: Docker, names: string[], file: string, onBytes: OnBytes, signal?: AbortSignal): Promise<number> {
  // dockerode has `getImages` (several names) but its types do not declare it.
  const getImages = (docker as unknown as { getImages(options: { names: string[] }): Promise<NodeJS.ReadableStream> }).getImages.bind(docker);
  const stream = await getImages({ names });
  return streamToFile(stream, file, onBytes, signal);
}

/**
 * `POST /images/load` from a tar file, counting the bytes sent. Resolves to what the engine reported loading
 * ("Loaded image: web:1"); rejects with the engine's words when it refused the file (not an image archive).
 */
export async function loadImages(docker: Docker, file: string, onBytes: OnBytes): Promise<string[]> {
  const upload = fs.createReadStream(file).pipe(counter(onBytes));
  const response = (await docker.loadImage(upload as unknown as string, { quiet: true })) as unknown as NodeJS.ReadableStream;
  const loaded: string[] = [];
  let failure: string | undefined;
  await forEachJsonMessage<{ stream?: string; error?: string; errorDetail?: { message?: string } }>(response, (message) => {
    if (message.error || message.errorDetail?.message) failure = message.errorDetail?.message ?? message.error;
    const text = message.stream?.trim();
    if (text) loaded.push(text);
  });
  if (failure) throw new Error(failure);
  return loaded;
}
