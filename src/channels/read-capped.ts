/**
 * Reads a download, stopping one byte past `limit`: a file over the limit is still seen as too
 * large by the photo check, without holding all of it in memory.
 */
export async function readCapped(body: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(Buffer.from(chunk));
    size += chunk.length;
    if (size > limit) break;
  }
  const all = Buffer.concat(chunks);
  return all.length > limit + 1 ? all.subarray(0, limit + 1) : all;
}

/** Waits `ms`, or less when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
