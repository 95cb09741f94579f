/**
 * The demo page itself, in each engine: the default prompt (`mountUpdatePrompt`) shows
 * in exactly one tab, its buttons drive the update, and axe-core finds no violations in
 * it; the live state chart highlights the states the tab's machine is in, following
 * the status.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ENGINE, timing, useDemo, type App, type RecordedEvent } from './harness.js';
import { checkAfterDeploy } from './deploy-check.js';
import { promptStates, waitForAllOn, waitForPrompt } from './app-waits.js';

const demo = useDemo();

const UPDATE = 'sw-update-prompt >>> [part~=update]';
const MESSAGE = 'sw-update-prompt >>> [part=message]';
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

/** Runs axe-core on the page's <sw-update-prompt> (shadow root included): violations, and the rules that passed. */
async function axe(app: App, page: number): Promise<{ violations: string[]; passes: string[] }> {
  const tab = app.pages[page]!;
  if (!(await tab.evaluate(() => 'axe' in window))) await tab.evaluate(readFileSync(AXE, 'utf8') + ';0');
  return tab.evaluate(async () => {
    const { violations, passes } = await (window as unknown as { axe: typeof import('axe-core') }).axe.run(
      document.querySelector('sw-update-prompt')!,
    );
    return {
      violations: violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.failureSummary).join('; ')}`),
      passes: passes.map((p) => p.id),
    };
  });
}

async function deploy(app: App, version: string): Promise<number> {
  await demo.server.deploy('good', version);
  expect(await checkAfterDeploy(demo.server, app)).toBe(true);
  const presenter = await waitForPrompt(app, version);
  await app.waitFor(`every tab to see ${version} waiting`, async () =>
    (await app.snapshots()).every((s) => s?.status === 'available'),
  );
  return presenter;
}

describe('the default prompt', () => {
  test('shows in exactly one tab; its Update button reloads every tab onto v2', async () => {
    const app = await demo.app({ tabs: 3 });
    expect(await promptStates(app)).toEqual(['hidden', 'hidden', 'hidden']);
    const presenter = await deploy(app, '2');
    const states = await promptStates(app);
    expect(states.filter((s) => s === 'available')).toHaveLength(1);
    expect(states[presenter]).toBe('available');
    for (const i of app.liveIndices()) {
      const visible = await app.pages[i]!.evaluate(() => {
        const button = document.querySelector('sw-update-prompt')?.shadowRoot?.querySelector('[part~=update]');
        return (
          button instanceof HTMLElement &&
          button.getClientRects().length > 0 &&
          getComputedStyle(button).visibility !== 'hidden'
        );
      });
      expect(visible, `Update button visible in tab ${i}`).toBe(i === presenter);
    }
    expect(await app.pages[presenter]!.text(MESSAGE)).toBe('Version 2 is ready');
    // Accessible as shown: axe-core finds no violations, and its contrast and name rules ran.
    const checked = await axe(app, presenter);
    console.log(
      `[${ENGINE}] axe on the default prompt: ${checked.violations.length} violations, ${checked.passes.length} rules passed`,
    );
    expect(checked.violations).toEqual([]);
    expect(checked.passes).toContain('color-contrast');
    expect(checked.passes).toContain('button-name');

    await app.pages[presenter]!.click(UPDATE);
    const clickedAt = Date.now();
    await waitForAllOn(app, '2', [2, 2, 2]);
    timing('default prompt: Update click done→all reloaded', Date.now() - clickedAt);
    expect(await promptStates(app)).toEqual(['hidden', 'hidden', 'hidden']);
    expect(app.maxConcurrentPresenters()).toBe(1);
    expect(app.eventsOf('prompt')).toHaveLength(1);
  });
});

/** What the demo page records (?chartlog) on every change of the chart's highlighted states. */
interface ChartRecord extends RecordedEvent {
  active: string[];
  leaves: string[];
  status: string;
  isLeader: boolean;
}

const LIFECYCLE = 'coordinator.running.lifecycle.';
const ROLE = 'coordinator.running.role.';

describe('the live state chart', () => {
  test('highlights the active states, ancestors included, and follows the status: idle → available → blocked → … → idle on v2', async () => {
    const app = await demo.app({ tabs: 2, query: 'chartlog' });
    const charts = (page?: number): ChartRecord[] =>
      app.events.filter(
        (e): e is ChartRecord => (e.type as string) === 'chart' && (page === undefined || e.page === page),
      );
    const highlighted = (page: number): Promise<string[]> =>
      app.pages[page]!.evaluate(() =>
        [...document.querySelectorAll<SVGGElement>('#chart g.active-leaf')].map((g) => g.dataset.state ?? ''),
      );
    await app.waitFor('both tabs idle, charts drawn', async () => {
      const snapshots = await app.snapshots();
      return (
        snapshots.every((s) => s?.status === 'idle') &&
        (await highlighted(0)).includes(`${LIFECYCLE}idle`) &&
        (await highlighted(1)).includes(`${LIFECYCLE}idle`)
      );
    });
    // The chart is the committed SVG, inlined: one <g data-state> per state node.
    expect(
      await app.pages[0]!.evaluate(() => document.querySelectorAll('#chart svg g[data-state]').length),
    ).toBeGreaterThan(20);

    const presenter = await deploy(app, '2');
    const other = 1 - presenter;
    await app.waitFor(
      'available.presenting / available.quiet highlighted',
      async () =>
        (await highlighted(presenter)).includes(`${LIFECYCLE}available.presenting`) &&
        (await highlighted(other)).includes(`${LIFECYCLE}available.quiet`),
    );
    expect(await app.pages[presenter]!.text('#chart-states')).toContain('lifecycle.available.presenting');

    await app.pages[other]!.type('#draft', 'unsaved');
    await app.waitFor('the hold everywhere', async () => (await app.snapshots()).every((s) => s?.holds === 1));
    // Typing focused the other tab, so the prompt may have followed it there.
    const current = Number(
      await app.waitFor('one presenter', async () => {
        const [only, ...more] = app.presenters();
        return only !== undefined && more.length === 0 && (await app.snapshot(only))?.isPrompting
          ? String(only)
          : undefined;
      }),
    );
    await app.pages[current]!.click(UPDATE);
    await app.waitFor(
      'blocked.waitingForHolds highlighted in both tabs',
      async () =>
        (await highlighted(0)).includes(`${LIFECYCLE}blocked.waitingForHolds`) &&
        (await highlighted(1)).includes(`${LIFECYCLE}blocked.waitingForHolds`),
    );
    await app.pages[other]!.click('#save');
    await waitForAllOn(app, '2', [2, 2]);
    await app.waitFor(
      'idle highlighted again after the reload',
      async () =>
        (await highlighted(0)).includes(`${LIFECYCLE}idle`) && (await highlighted(1)).includes(`${LIFECYCLE}idle`),
    );

    // Every recorded highlight matches the snapshot of that moment: exactly one
    // lifecycle leaf, named by the status; one role leaf, by isLeader; every ancestor
    // of a leaf highlighted, and nothing else.
    const records = charts();
    expect(records.length).toBeGreaterThan(6);
    for (const r of records) {
      const lifecycle = r.leaves.filter((id) => id.startsWith(LIFECYCLE));
      const role = r.leaves.filter((id) => id.startsWith(ROLE));
      expect(lifecycle, JSON.stringify(r)).toHaveLength(1);
      expect(lifecycle[0]!.slice(LIFECYCLE.length).split('.')[0], JSON.stringify(r)).toBe(r.status);
      expect(role, JSON.stringify(r)).toEqual([`${ROLE}${r.isLeader ? 'leader' : 'follower'}`]);
      const closure = new Set(
        r.leaves.flatMap((id) => id.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))),
      );
      expect(new Set(r.active), JSON.stringify(r)).toEqual(closure);
    }
    // The order each tab went through (a step within one task shows as its last state).
    for (const page of [0, 1]) {
      const steps = charts(page)
        .map((r) => `${r.load}:${r.leaves.find((id) => id.startsWith(LIFECYCLE))!.slice(LIFECYCLE.length)}`)
        .filter((step, i, all) => step !== all[i - 1]);
      console.log(`tab ${page} chart: ${steps.join(' → ')}`);
      const order = ['1:idle', '1:available.', '1:blocked.waitingForHolds', '2:idle'];
      let at = -1;
      for (const step of order) {
        const found = steps.findIndex((s, i) => i > at && s.startsWith(step));
        expect(found, `${step} after ${steps[at] ?? 'the start'} in ${steps.join(' → ')}`).toBeGreaterThan(at);
        at = found;
      }
    }
  });
});
