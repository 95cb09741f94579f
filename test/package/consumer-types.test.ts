/**
 * The published types as a consumer compiles them: the packed tarball is installed into
 * a temporary project and an example of every subpath (test/package/consumer/, and the
 * script-tag recipe's two files for the globals) is compiled against its .d.ts files,
 * with `skipLibCheck: false`, under each `moduleResolution` a consumer may use. Offline:
 * the tarball is unpacked by hand, and its dependencies and the frameworks are linked
 * from this repository's node_modules. `.cts` files take the `require` side under node16
 * and nodenext. `skipDefaultLibCheck` skips only TypeScript's own lib.*.d.ts (half the
 * time); the package's declarations and its dependencies' are all checked.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const consumerDir = fileURLToPath(new URL('consumer/', import.meta.url));
const MODES = ['bundler', 'node16', 'nodenext'] as const;
type Mode = (typeof MODES)[number];

/** The subpath each example exercises, for the failure message. */
const SUBPATH_OF: Record<string, string> = {
  page: '.',
  worker: './worker',
  prompt: './prompt',
  react: './react',
  vue: './vue',
  svelte: './svelte',
  solid: './solid',
  preact: './preact',
  'page-types': './global',
  'sw-types': './worker-global',
};
const GLOBAL_EXAMPLES = ['docs/examples/script-tag/page-types.js', 'docs/examples/script-tag/sw-types.js'];
/** Installed next to the package: its dependencies, the frameworks and their types. */
const LINKED = ['xstate', 'broadcast-channel', 'react', '@types/react', 'vue', 'svelte', 'solid-js', 'preact'];
const tsc = join(root, 'node_modules/typescript/bin/tsc');

let project: string;
/** Per `${mode} ${side}`: the example files given to the compiler, and its result. */
const planned = new Map<string, string[]>();
const results = new Map<string, Promise<Compiled>>();

interface Compiled {
  files: string[];
  errors: string[];
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'sw-update-coordinator-consumer-'));
  const installed = join(project, 'node_modules/sw-update-coordinator');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', inject('tarball'), '-C', installed, '--strip-components=1']);
  for (const name of LINKED) {
    mkdirSync(join(project, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  cpSync(consumerDir, join(project, 'src'), { recursive: true });
  for (const file of GLOBAL_EXAMPLES) cpSync(join(root, file), join(project, 'src', basename(file)));

  const examples = readdirSync(join(project, 'src'));
  const isWorker = (file: string) => /^(worker|sw-types)\./.test(file);
  for (const mode of MODES) {
    for (const side of ['page', 'worker'] as const) {
      const files = examples
        .filter((file) => isWorker(file) === (side === 'worker'))
        // The require side exists only where resolution tells require from import.
        .filter((file) => mode !== 'bundler' || !file.endsWith('.cts'));
      const config = `tsconfig.${mode}.${side}.json`;
      writeFileSync(
        join(project, config),
        JSON.stringify(
          tsconfig(
            mode,
            side,
            files.map((f) => `src/${f}`),
          ),
          null,
          2,
        ),
      );
      planned.set(`${mode} ${side}`, files);
      results.set(
        `${mode} ${side}`,
        queue(() => compile(config)),
      );
    }
  }
});

/** Two compilers at a time (one per core of a small CI machine), in the order queued. */
const waiting: (() => void)[] = [];
let active = 0;
function queue<T>(task: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = () => {
      active++;
      task()
        .then(resolve, reject)
        .finally(() => {
          active--;
          waiting.shift()?.();
        });
    };
    if (active < 2) run();
    else waiting.push(run);
  });
}

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe.each(MODES)('the packed types under moduleResolution %s', (mode) => {
  it.each(['page', 'worker'])('%s examples compile', async (side) => {
    const { files, errors } = await results.get(`${mode} ${side}`)!;
    expect(errors, `moduleResolution ${mode}: fix the published types`).toEqual([]);
    // The check is only as good as what it compiled: every example, against the tarball.
    const fromPackage = files.filter((file) => file.includes('/node_modules/sw-update-coordinator/dist/'));
    expect(fromPackage.length, `${mode}: no .d.ts of the package was compiled`).toBeGreaterThan(0);
    const compiled = files.filter((file) => file.startsWith(join(project, 'src/'))).map((file) => basename(file));
    expect(compiled.sort()).toEqual([...planned.get(`${mode} ${side}`)!].sort());
  });
});

it('an example covers every subpath of the exports map', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const examples = [...readdirSync(consumerDir), ...GLOBAL_EXAMPLES.map((f) => basename(f))];
  const covered = new Set(examples.map((file) => SUBPATH_OF[file.replace(/\.\w+$/, '')]));
  expect(Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json' && !covered.has(subpath))).toEqual(
    [],
  );
});

function tsconfig(mode: Mode, side: 'page' | 'worker', files: string[]): object {
  return {
    compilerOptions: {
      module: mode === 'bundler' ? 'esnext' : mode,
      moduleResolution: mode,
      target: 'ES2022',
      lib: side === 'page' ? ['ES2022', 'DOM', 'DOM.Iterable'] : ['ES2022', 'WebWorker'],
      types: [],
      jsx: 'react-jsx',
      strict: true,
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      allowJs: true,
      checkJs: true,
      noEmit: true,
    },
    files,
  };
}

/** Runs tsc on one config; resolves with the compiled files and readable errors. */
function compile(config: string): Promise<Compiled> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', config, '--pretty', 'false', '--listFiles'],
      { cwd: project, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout) => resolve(parse(stdout, config)),
    );
  });
}

const DIAGNOSTIC = /^(.+?)\(\d+,\d+\): error TS\d+: /;

function parse(output: string, config: string): Compiled {
  const files: string[] = [];
  const errors: string[] = [];
  for (const line of output.split('\n')) {
    if (line === '') continue;
    if (/^\s/.test(line) && errors.length > 0) errors[errors.length - 1] += `\n${line}`;
    else if (DIAGNOSTIC.test(line) || line.startsWith('error TS')) errors.push(`${where(line, config)}: ${line}`);
    else files.push(line);
  }
  return { files, errors };
}

/** Names the subpath and the resolution mode a diagnostic is about. */
function where(line: string, config: string): string {
  const mode = config.split('.')[1];
  const file = DIAGNOSTIC.exec(line)?.[1] ?? config;
  const dist = /node_modules\/sw-update-coordinator\/dist\/([\w-]+)\.d\.c?ts$/.exec(file)?.[1];
  const example = /^src\/([\w-]+)\.\w+$/.exec(file)?.[1];
  const subpath = dist ? (dist === 'index' ? '.' : `./${dist}`) : example ? SUBPATH_OF[example] : undefined;
  const name = subpath === undefined ? 'types outside the package' : `sw-update-coordinator${subpath.slice(1)}`;
  return `${name} under moduleResolution ${mode}`;
}
