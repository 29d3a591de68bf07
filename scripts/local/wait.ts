/** Retries `probe` until it resolves or `timeoutMs` passes; the last error says why it never came up. */
export async function waitFor(what: string, timeoutMs: number, probe: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms: ${(lastError as Error)?.message ?? lastError}`);
}
