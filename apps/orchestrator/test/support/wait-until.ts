/** Polls `check` every 5 ms until it returns true. */
export async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
