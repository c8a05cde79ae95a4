import type Docker from 'dockerode';
import * as tar from 'tar-stream';

/** What reading one file out of a container gave. */
export type ContainerFileRead = { kind: 'text'; text: string } | { kind: 'notShown'; reason: string };

/**
 * Reads one regular file from a container (running or stopped) through the archive API (`GET
 * /containers/{id}/archive?path=…`, a tar of that path), without running anything in the container. Folders,
 * links, binary files and files over `maxBytes` are not shown, with the reason.
 */
export async function readContainerFile(docker: Docker, id: string, path: string, maxBytes: number): Promise<ContainerFileRead> {
  const archive = (await docker.getContainer(id).getArchive({ path })) as unknown as NodeJS.ReadableStream;
  const extract = tar.extract();
  return new Promise<ContainerFileRead>((resolve, reject) => {
    let settled = false;
    const settle = (result: ContainerFileRead) => {
      if (!settled) {
        settled = true;
        resolve(result);
        extract.destroy();
        (archive as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      }
    };
    extract.on('entry', (header, stream, next) => {
      if (header.type !== 'file') {
        stream.resume();
        settle({ kind: 'notShown', reason: header.type === 'directory' ? `${path} is a folder.` : `${path} is a ${header.type}${header.linkname ? ` to ${header.linkname}` : ''}.` });
        return;
      }
      if ((header.size ?? 0) > maxBytes) {
        stream.resume();
        settle({ kind: 'notShown', reason: `${path} is ${header.size} bytes, more than the ${maxBytes} shown here.` });
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        settle(bytes.includes(0) ? { kind: 'notShown', reason: `${path} is a binary file (${bytes.length} bytes).` } : { kind: 'text', text: bytes.toString('utf8') });
        next();
      });
    });
    extract.on('finish', () => settle({ kind: 'notShown', reason: `${path} is not in the archive the engine sent.` }));
    extract.on('error', (error) => (settled ? undefined : reject(error)));
    archive.on('error', (error: Error) => (settled ? undefined : reject(error)));
    archive.pipe(extract);
  });
}
