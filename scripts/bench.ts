/**
 * `npm run bench`: how long the offline plan of each stack takes (the mocked program run, warm,
 * median of several runs in one process) and how many resources it declares. A benchmark, not a test.
 */
import { stackNames } from "../harness/config";
import { runStack } from "../harness/run";

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const started = Date.now();
  await runStack("dev"); // warm-up: module loading and the shared stack's outputs
  console.log(`first run (cold, includes loading the SDKs): ${Date.now() - started} ms`);
  for (const stack of stackNames()) {
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < rounds; i++) {
      const t = process.hrtime.bigint();
      const run = await runStack(stack);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      count = run.resources.length;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(
      `${stack.padEnd(8)} ${String(count).padStart(4)} resources  median ${median.toFixed(0)} ms  (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}, ${rounds} runs)`,
    );
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
