/**
 * The multi-tab simulation from the command line (test/sim/).
 *
 *   npm run sim                          10,000 scenarios (seeds 1–10000) on every core
 *   npm run sim -- --count 500 --first 20000 --workers 2
 *   npm run sim -- --seed 84             replay one seed: its steps as they happen, then
 *                                        the verdict and every tab's state
 *   npm run sim -- --seed 84 --trace     ... with worker states, statuses and reloads
 *                                        between the steps
 *
 * Prints `sim: N scenarios, F failed, T s`; each failure with its seed, the violated
 * invariant and the replay command. Exits 1 when any scenario failed.
 */
import { parseArgs } from 'node:util';
import { defaultWorkers, runParallel } from '../test/sim/parallel.js';
import { formatFailure, runScenario } from '../test/sim/run.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    count: { type: 'string', default: '10000' },
    first: { type: 'string', default: '1' },
    workers: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
  },
});

if (values.seed !== undefined) {
  const result = await runScenario(Number(values.seed), { onStep: (line) => console.log(line), trace: values.trace });
  if (result.ok) {
    console.log(`sim: seed ${result.seed} passes every invariant`);
    console.log(result.tabs.map((line) => `  ${line}`).join('\n'));
  } else {
    console.log(formatFailure(result));
  }
  process.exit(result.ok ? 0 : 1);
}

const count = Number(values.count);
const first = Number(values.first);
const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
const result = await runParallel(count, first, workers);
const byInvariant = new Map<string, number[]>();
for (const failure of result.failures) {
  const name = failure.violation?.invariant ?? '?';
  byInvariant.set(name, [...(byInvariant.get(name) ?? []), failure.seed]);
}
for (const [name, seeds] of byInvariant) {
  console.log(
    `  "${name}": ${seeds.length} seed(s): ${seeds.slice(0, 20).join(', ')}${seeds.length > 20 ? ', ...' : ''}`,
  );
}
if (values.verbose) for (const failure of result.failures) console.log(`\n${formatFailure(failure)}`);
else if (result.failures[0]) console.log(`\nfirst failure:\n${formatFailure(result.failures[0])}`);
console.log(
  `sim: ${result.count} scenarios, ${result.failures.length} failed, ${Math.round(result.ms / 1000)} s` +
    ` (${workers} workers, ${result.timers} virtual timers)`,
);
process.exit(result.failures.length === 0 ? 0 : 1);
