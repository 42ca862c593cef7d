/**
 * Waits until `ready()` holds, checking every 10 ms, for at most `ms` (5 s): a test that waits on
 * something that never comes fails on its next assertion instead of hanging to the test timeout.
 */
export async function waitUntil(ready: () => boolean, ms = 5_000): Promise<void> {
  for (const end = Date.now() + ms; !ready() && Date.now() < end; ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
