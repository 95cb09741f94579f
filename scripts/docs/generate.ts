/**
 * Generates the state-chart docs from the machines in machines/:
 * docs/state-charts.md (Mermaid) and docs/charts/<machine-id>.svg.
 *
 *   npx tsx scripts/docs/generate.ts          write the files
 *   npx tsx scripts/docs/generate.ts --check  write nothing; exit 1 listing files that differ
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffDocs, generateDocs, strayCharts } from './outputs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function check(): Promise<number> {
  const differences = await diffDocs(root);
  if (differences.length === 0) {
    console.log('State-chart docs are up to date.');
    return 0;
  }
  for (const { path, problem } of differences) {
    const why = problem === 'stray' ? 'no machine produces it' : problem;
    console.error(`${path}: ${why}`);
  }
  console.error('The state-chart docs differ from the machines: run npm run docs');
  return 1;
}

async function write(): Promise<number> {
  const files = await generateDocs();
  for (const file of files) {
    const path = join(root, file.path);
    const same = existsSync(path) && readFileSync(path, 'utf8') === file.content;
    if (same) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    console.log(`wrote ${file.path}`);
  }
  for (const stray of strayCharts(root, files)) {
    rmSync(join(root, stray));
    console.log(`removed ${stray}`);
  }
  return 0;
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check');
if (unknown.length > 0) {
  console.error(`Unknown argument: ${unknown.join(' ')}\nUsage: generate.ts [--check]`);
  process.exitCode = 2;
} else {
  process.exitCode = await (args.includes('--check') ? check() : write());
}
