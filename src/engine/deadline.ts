/** Deadlines for requests to the engine: a frozen engine (a stopped process) accepts connections but never answers. */

/** A list or an inspect: a healthy engine answers in milliseconds, a busy one in a second or two. */
export const readDeadlineMs = 8_000;
/** A ping or version probe. */
export const probeDeadlineMs = 5_000;
/** An exec or attach, from asking to a running session. */
export const startDeadlineMs = 10_000;

/** The error a request past its deadline fails with (classified as "did not answer in time"). */
export function deadlineError(ms: number, what = 'the request'): Error {
  return Object.assign(new Error(`The Docker Engine did not answer ${what} within ${formatSeconds(ms)}.`), { code: 'ETIMEDOUT' });
}

export function isDeadlineError(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'ETIMEDOUT';
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs `call` with an abort signal that fires after `ms` (dockerode passes it to the HTTP request, which is
 * then torn down); rejects with a deadline error at that moment even if the call ignores the signal.
 */
export function withDeadline<T>(ms: number, what: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(deadlineError(ms, what));
      controller.abort();
    }, ms);
    call(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
