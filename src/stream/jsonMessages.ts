/**
 * Reads the engine's progress streams (build, pull, push): JSON objects one per line. Each message is
 * handed over as soon as its line is complete; a line that is not JSON is handed over as `{ stream }`.
 */
export async function forEachJsonMessage<T extends object>(
  stream: NodeJS.ReadableStream,
  onMessage: (message: T) => void,
  signal?: AbortSignal,
): Promise<void> {
  let carry = '';
  const handleLine = (line: string) => {
    if (line.trim() === '') {
      return;
    }
    try {
      onMessage(JSON.parse(line) as T);
    } catch {
      onMessage({ stream: `${line}\n` } as unknown as T);
    }
  };
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      resolve();
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (carry + chunk).split('\n');
      carry = lines.pop() ?? '';
      lines.forEach(handleLine);
    });
    stream.on('end', () => {
      handleLine(carry);
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    stream.on('close', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    stream.on('error', (error: Error) => (signal?.aborted ? resolve() : reject(error)));
  });
}
