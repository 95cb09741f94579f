/**
 * What the docs generator produces, as pure data: the files and their contents
 * (state charts, and the status tables filled into the guide and src/page/types.ts),
 * and which files on disk differ from them. Used by generate.ts and test/docs.test.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine } from './describe.js';
import { documentedMachines, type DocumentedMachine } from './machines.js';
import { emitMarkdown } from './markdown.js';
import { emitMermaid } from './mermaid.js';
import { statusTableFiles } from './statuses.js';
import { emitSvg } from './svg.js';

export interface GeneratedFile {
  /** Relative to the repository root, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

export const MARKDOWN_PATH = 'docs/state-charts.md';
export const CHARTS_DIR = 'docs/charts';

export const svgFileName = (machineId: string): string => `${machineId.replace(/[^A-Za-z0-9_-]/g, '-')}.svg`;

export async function generateDocs(
  machines: readonly DocumentedMachine[] = documentedMachines,
): Promise<GeneratedFile[]> {
  const charts = machines.map((entry) => ({ entry, chart: describeMachine(entry.machine) }));
  const svgs = await Promise.all(
    charts.map(async ({ chart }) => ({
      path: `${CHARTS_DIR}/${svgFileName(chart.machineId)}`,
      content: await emitSvg(chart),
    })),
  );
  const markdown = emitMarkdown(
    charts.map(({ entry, chart }) => ({
      entry,
      chart,
      mermaid: emitMermaid(chart),
      svgPath: `charts/${svgFileName(chart.machineId)}`,
    })),
  );
  return [{ path: MARKDOWN_PATH, content: markdown }, ...svgs, ...statusTableFiles()];
}

/** SVGs in docs/charts/ that no machine produces any more. */
export function strayCharts(root: string, files: readonly GeneratedFile[]): string[] {
  const dir = join(root, CHARTS_DIR);
  if (!existsSync(dir)) return [];
  const expected = new Set(files.map((f) => f.path));
  return readdirSync(dir)
    .filter((name) => name.endsWith('.svg'))
    .map((name) => `${CHARTS_DIR}/${name}`)
    .filter((path) => !expected.has(path))
    .sort();
}

export interface DocsDifference {
  readonly path: string;
  readonly problem: 'missing' | 'stale' | 'stray';
}

/** Files under `root` that differ from what the machines produce. */
export async function diffDocs(root: string, files?: readonly GeneratedFile[]): Promise<DocsDifference[]> {
  files ??= await generateDocs();
  const differences: DocsDifference[] = [];
  for (const file of files) {
    const path = join(root, file.path);
    if (!existsSync(path)) differences.push({ path: file.path, problem: 'missing' });
    else if (readFileSync(path, 'utf8') !== file.content) differences.push({ path: file.path, problem: 'stale' });
  }
  for (const path of strayCharts(root, files)) differences.push({ path, problem: 'stray' });
  return differences;
}
