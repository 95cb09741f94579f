/**
 * A child process of parallel.ts: runs its share of the seeds and reports each failure
 * (with `--all`, every result) and the final count over IPC. Started as
 * `node --import tsx child.ts --first F --count N --step S [--all]`.
 */
import { parseArgs } from 'node:util';
import type { ChildMessage } from './parallel.js';
import { runMany } from './run.js';

const { values } = parseArgs({
  options: {
    first: { type: 'string' },
    count: { type: 'string' },
    step: { type: 'string' },
    all: { type: 'boolean', default: false },
  },
});
const send = (message: ChildMessage): Promise<void> =>
  new Promise((resolve, reject) =>
    process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );

const pending: Array<Promise<void>> = [];
const result = await runMany(
  { count: Number(values.count), first: Number(values.first), step: Number(values.step ?? 1) },
  (scenario) => {
    if (values.all || !scenario.ok) pending.push(send({ type: 'result', result: scenario }));
  },
);
await Promise.all(pending);
await send({ type: 'done', count: result.count, timers: result.timers });
process.disconnect();
