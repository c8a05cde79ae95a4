/** Polls a condition until it holds or the deadline passes; fails with the last observed value. */
export async function waitFor<T>(read: () => T | Promise<T>, holds: (value: T) => boolean, what: string, deadlineMs = 10_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let last = await read();
  while (!holds(last)) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${deadlineMs} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    last = await read();
  }
  return last;
}
