/**
 * The state-chart docs (docs/state-charts.md, docs/charts/*.svg) are generated from
 * the machines by scripts/docs/generate.ts. These tests keep them current, pin the
 * Mermaid emitter's output on a small hand-made machine, and check that no state of
 * a real machine is left out of its chart.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StateMachine, and, fromPromise, not, setup, stateIn, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { COORDINATOR_STATUSES } from '../machines/statuses.js';
import { allStates, describeMachine, pathId } from '../scripts/docs/describe.js';
import { delayText, formatDuration, guardText } from '../scripts/docs/labels.js';
import { liftTransitions } from '../scripts/docs/lift.js';
import { documentedMachines } from '../scripts/docs/machines.js';
import { emitMermaid, mermaidIds } from '../scripts/docs/mermaid.js';
import { diffDocs, generateDocs } from '../scripts/docs/outputs.js';
import { emitSvg } from '../scripts/docs/svg.js';
import { TABLE_END, TABLE_START } from '../scripts/docs/statuses.js';
import { chartTree } from '../scripts/docs/tree.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every state node under the machine's root, walked straight off the XState objects. */
function stateNodes(machine: AnyStateMachine): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const visit = (node: AnyStateNode): void => {
    for (const child of Object.values(node.states)) {
      out.push(child);
      visit(child);
    }
  };
  visit(machine.root);
  return out;
}

/** Rough well-formedness: tags balance and nothing but entities follows `&`. */
function expectWellFormedXml(xml: string): void {
  const stack: string[] = [];
  for (const match of xml.matchAll(/<(\/?)([A-Za-z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else stack.push(name ?? '');
  }
  expect(stack).toEqual([]);
  expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
}

describe('generated docs', () => {
  it('docs/state-charts.md and docs/charts/*.svg match the machines', async () => {
    const differences = await diffDocs(root);
    const list = differences.map((d) => `${d.path} (${d.problem})`).join(', ');
    expect(differences, `State-chart docs are out of date: ${list}. Run npm run docs`).toEqual([]);
  });

  it('generates the same bytes twice', async () => {
    expect(await generateDocs()).toEqual(await generateDocs());
  });

  it('writes well-formed SVG', async () => {
    for (const file of (await generateDocs()).filter((f) => f.path.endsWith('.svg'))) {
      expect(file.content.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), file.path).toBe(true);
      expectWellFormedXml(file.content);
    }
  });
});

describe('status tables', () => {
  it('the guide and the TSDoc of CoordinatorStatus list every status of the one list, in order, with its meaning', () => {
    const statuses = Object.entries(COORDINATOR_STATUSES);
    expect(statuses.length).toBeGreaterThan(0);
    for (const path of ['docs/guide.md', 'src/page/types.ts']) {
      const text = readFileSync(join(root, path), 'utf8');
      const rows = text
        .slice(text.indexOf(TABLE_START), text.indexOf(TABLE_END))
        .split('\n')
        .map((line) => /^(?: \* )?\| `(\w+)` \| (.*?) \|/.exec(line))
        .filter((match) => match !== null)
        .map(([, status, meaning]) => [status, meaning]);
      expect(rows, path).toEqual(statuses.map(([status, { meaning }]) => [status, meaning]));
    }
  });
});

describe('every machine is charted', () => {
  it('lists every machine that a module in machines/ exports', async () => {
    const listed = new Set<unknown>(documentedMachines.map((d) => d.machine));
    const files = readdirSync(join(root, 'machines')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    for (const file of files) {
      const exports: Record<string, unknown> = await import(`../machines/${file}`);
      for (const [name, value] of Object.entries(exports)) {
        if (!(value instanceof StateMachine)) continue;
        expect(listed.has(value), `${name} from machines/${file}: add it to scripts/docs/machines.ts`).toBe(true);
      }
    }
  });
});

describe('every state of every machine is charted', () => {
  for (const { machine } of documentedMachines) {
    describe(machine.id, () => {
      const chart = describeMachine(machine);
      const mermaid = emitMermaid(chart);
      const svg = emitSvg(chart);
      const ids = mermaidIds(chart);

      it('declares each state in Mermaid, with its key as the label', () => {
        const nodes = stateNodes(machine);
        expect(nodes.length).toBeGreaterThan(0);
        for (const node of nodes) {
          const id = ids.get(pathId(node));
          expect(id, `${pathId(node)} has no Mermaid id`).toBeDefined();
          const label = node.type === 'parallel' ? `${node.key} (parallel)` : node.key;
          expect(mermaid, `${pathId(node)} is missing from the Mermaid chart`).toContain(`state "${label}" as ${id}\n`);
        }
        const declared = [...mermaid.matchAll(/^\s*state "[^"]*" as (\S+)$/gm)].map((m) => m[1]);
        expect(new Set(declared).size).toBe(nodes.length);
      });

      it('draws each state in the SVG', async () => {
        for (const node of stateNodes(machine)) {
          expect(await svg, pathId(node)).toContain(`data-state="${pathId(node)}"`);
        }
      });

      it('draws one Mermaid arrow per transition between states', () => {
        const arrows = mermaid.split('\n').filter((line) => line.includes(' --> ') && !line.includes('[*]'));
        expect(arrows).toHaveLength(liftTransitions(chart, chartTree(chart)).lifted.length);
        const targeted = allStates(chart)
          .flatMap((s) => s.transitions)
          .filter((t) => t.targets.length > 0);
        expect(targeted.length).toBeGreaterThan(0);
      });
    });
  }
});

describe('labels', () => {
  it('gives durations in human units', () => {
    expect(formatDuration(100)).toBe('100 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(90_000)).toBe('90 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
  });

  it('reads built-in guards as text', () => {
    expect(guardText('isReady')).toBe('isReady');
    expect(guardText(not('isReady'))).toBe('not isReady');
    expect(guardText(and(['a', not('b')]))).toBe('a and not b');
    expect(guardText(not(and(['a', 'b'])))).toBe('not (a and b)');
    expect(guardText(stateIn({ running: { role: 'leader' } }))).toBe('in running.role.leader');
    expect(guardText(stateIn('#app.busy'))).toBe('in app.busy');
  });

  it('names a delay with its default when that is a number', () => {
    const machine = setup({ delays: { grace: 30_000, computed: () => 5 } }).createMachine({});
    expect(delayText('grace', machine)).toBe('after grace (30 s)');
    expect(delayText('computed', machine)).toBe('after computed');
    expect(delayText(250, machine)).toBe('after 250 ms');
  });
});

describe('Mermaid emitter', () => {
  const tiny = setup({
    types: { events: {} as { type: 'GO' } | { type: 'STOP' } | { type: 'RESET' } },
    guards: { isReady: () => true, isLate: () => false },
    actions: { log: () => {}, tidy: () => {} },
    actors: { fetcher: fromPromise(async () => 1) },
    delays: { grace: 30_000 },
  }).createMachine({
    id: 'tiny',
    initial: 'idle',
    states: {
      idle: {
        on: { GO: { target: 'busy', guard: 'isReady', actions: 'log' } },
        always: { guard: not('isReady'), target: 'broken' },
      },
      busy: {
        type: 'parallel',
        invoke: { src: 'fetcher' },
        on: { STOP: 'idle' },
        states: {
          left: {
            initial: 'a',
            states: {
              a: { after: { 1500: 'b' } },
              b: { after: { grace: { target: 'a', actions: 'tidy' } } },
            },
          },
          right: {
            initial: 'x',
            states: {
              x: { always: { guard: stateIn({ busy: { left: 'b' } }), target: 'y' } },
              y: { type: 'final' },
            },
          },
        },
      },
      broken: {
        initial: 'inner',
        entry: 'log',
        states: {
          inner: { on: { RESET: { target: '#tiny.idle', guard: 'isLate' } } },
        },
      },
    },
  });
  const mermaid = emitMermaid(describeMachine(tiny));
  const lines = mermaid.split('\n').map((line) => line.trim());

  it('starts a state diagram and marks the initial state', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines).toContain('[*] --> idle');
  });

  it('labels transitions with event, guard and actions', () => {
    expect(lines).toContain('idle --> busy : GO [isReady] / log');
    expect(lines).toContain('busy --> idle : STOP');
  });

  it('labels eventless transitions, with not() and stateIn guards as text', () => {
    expect(lines).toContain('idle --> broken : always [not isReady]');
    expect(lines).toContain('busy_right_x --> busy_right_y : always [in busy.left.b]');
  });

  it('labels delayed transitions in human units', () => {
    expect(lines).toContain('busy_left_a --> busy_left_b : after 1.5 s');
    expect(lines).toContain('busy_left_b --> busy_left_a : after grace (30 s) / tidy');
  });

  it('nests composite states under path-based ids with display labels', () => {
    expect(lines).toContain('state "busy (parallel)" as busy');
    expect(lines).toContain('state busy {');
    expect(lines).toContain('state "left" as busy_left');
    expect(lines).toContain('state busy_left {');
    expect(lines).toContain('[*] --> busy_left_a');
    expect(lines).toContain('state "a" as busy_left_a');
    expect(lines).toContain('state "inner" as broken_inner');
  });

  it('separates parallel regions with --', () => {
    const start = lines.indexOf('state busy {');
    const left = lines.indexOf('state busy_left {');
    const separator = lines.indexOf('--', start);
    const right = lines.indexOf('state busy_right {');
    expect(start).toBeGreaterThan(0);
    expect(left).toBeGreaterThan(start);
    expect(separator).toBeGreaterThan(left);
    expect(right).toBeGreaterThan(separator);
  });

  it('notes invoked actors and shows entry actions', () => {
    expect(lines).toContain('note right of busy : invokes fetcher');
    expect(lines).toContain('note right of broken : entry / log');
  });

  it('ends final states', () => {
    expect(lines).toContain('busy_right_y --> [*]');
  });

  it('draws a transition out of a nested state between siblings, naming the real source', () => {
    expect(lines).toContain('broken --> idle : RESET [isLate] (from inner)');
  });

  it('drops -- where Mermaid cannot draw it: an arrow touching a composite state inside a region', () => {
    const machine = setup({}).createMachine({
      id: 'regions',
      type: 'parallel',
      states: {
        one: {
          initial: 'p',
          states: { p: { on: { GO: 'q' } }, q: { initial: 'q1', states: { q1: {} } } },
        },
        two: { initial: 'r', states: { r: {} } },
      },
    });
    const output = emitMermaid(describeMachine(machine));
    expect(output).not.toMatch(/^\s*--$/m);
    expect(output).toContain('%% parallel regions, side by side');
    expect(output).toContain('one_p --> one_q : GO');
  });

  it('keeps ids unique when paths collide', () => {
    const machine = setup({}).createMachine({
      id: 'clash',
      initial: 'a_b',
      states: { a_b: {}, a: { initial: 'b', states: { b: {} } }, state: {} },
    });
    const ids = [...mermaidIds(describeMachine(machine)).values()];
    expect(ids).toEqual(['clash', 'a_b', 'a', 'a_b_2', 's_state']);
  });
});

describe('the committed Markdown', () => {
  it('has one section with a Mermaid block per machine', () => {
    const markdown = readFileSync(join(root, 'docs/state-charts.md'), 'utf8');
    for (const { machine, title } of documentedMachines) {
      expect(markdown).toContain(`## ${title}\n`);
      expect(markdown).toContain(`(charts/${machine.id}.svg)`);
    }
    expect(markdown.match(/^```mermaid$/gm)).toHaveLength(documentedMachines.length);
  });
});
