/**
 * Waiting on a mocked run without hanging: a failed registration can leave dependents (and the
 * stack outputs) pending forever, so every wait also ends as soon as a failure is recorded.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settingsModule = require("@pulumi/pulumi/runtime/settings");

/** Resolves with `work`, or as soon as a failure is recorded, whichever comes first. */
export async function raceFailure(work: Promise<unknown>, failures: unknown[]): Promise<void> {
  let poll: NodeJS.Timeout | undefined;
  const failed = new Promise<void>((resolve) => {
    poll = setInterval(() => failures.length > 0 && resolve(), 5);
  });
  try {
    await Promise.race([work, failed]);
  } finally {
    clearInterval(poll);
  }
}

/**
 * Waits until no RPC is pending, or until a failure is recorded: a failed registration can leave
 * dependents waiting forever, so a failure ends the wait instead of the test timeout.
 */
export async function settle(failures: unknown[]): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await raceFailure(settingsModule.waitForRPCs() as Promise<void>, failures);
    await new Promise((r) => setImmediate(r));
    if (failures.length > 0) return;
  }
}
