/** How long `run` took (ms), with the count it resolved to. */
export async function timed(run: () => Promise<number>): Promise<{ ms: number; count: number }> {
  const start = process.hrtime.bigint();
  const count = await run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, count };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
