/**
 * The browser suite's per-engine report (test/browser/engine-report.ts), fed stand-ins
 * for vitest's test modules: what it counts as run, not applicable and not run, and
 * what it prints of a failure and of a scenario that passed only on its retry.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule } from 'vitest/node';
import EngineReport from './browser/engine-report.js';

interface Case {
  name: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  note?: string;
  error?: string;
  flaky?: boolean;
}

/** A test module of `project` holding `cases`, with only what the report reads. */
function moduleOf(project: string, cases: Case[], errors: unknown[] = []): TestModule {
  const tests = cases.map((c) => ({
    fullName: c.name,
    result: () => ({ state: c.state, note: c.note, errors: c.error === undefined ? [] : [{ message: c.error }] }),
    diagnostic: () => ({ flaky: c.flaky === true }),
  }));
  return {
    project: { name: project },
    moduleId: `/repo/test/browser/${project.replace(':', '-')}.test.ts`,
    errors: () => errors,
    children: {
      allTests: (state?: string) => tests.filter((t) => state === undefined || t.result().state === state),
    },
  } as unknown as TestModule;
}

function report(modules: TestModule[]): string {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  new EngineReport().onTestRunEnd(modules);
  return log.mock.calls.map((call) => call.join(' ')).join('\n');
}

afterEach(() => vi.restoreAllMocks());

describe('engine report', () => {
  it('counts per engine what ran, what was not applicable and what was not run for an open finding', () => {
    const out = report([
      moduleOf('browser:firefox', [
        { name: 'a', state: 'passed' },
        { name: 'b', state: 'skipped', note: 'not applicable in firefox: no crash' },
        { name: 'c', state: 'skipped', note: 'not run in firefox, open finding: late' },
      ]),
      moduleOf('browser:chromium', [
        { name: 'a', state: 'passed' },
        { name: 'b', state: 'failed', error: 'boom\nsecond line' },
      ]),
    ]);
    expect(out).toContain('chromium: 2 ran (1 passed, 1 failed), 0 not applicable, 0 not run for an open finding');
    expect(out).toContain('firefox: 1 ran (1 passed, 0 failed), 1 not applicable, 1 not run for an open finding');
    expect(out).toContain('    - b: not applicable in firefox: no crash');
    // A failure is named with its engine, by its first line only.
    expect(out).toContain('  ✗ chromium: b: boom');
    expect(out).not.toContain('second line');
    // Engines in name order.
    expect(out.indexOf('chromium:')).toBeLessThan(out.indexOf('firefox:'));
  });

  it("prints a scenario that passed on its retry with its first run's error, up to 40 lines", () => {
    const message = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n');
    const out = report([moduleOf('browser:webkit', [{ name: 'x', state: 'passed', flaky: true, error: message }])]);
    expect(out).toContain("Passed on their retry (the first run's error):");
    expect(out).toContain('  ~ webkit: x: line 1\n      line 2');
    expect(out).toContain('line 40');
    expect(out).not.toContain('line 41');
    expect(out).toContain('webkit: 1 ran (1 passed, 0 failed)');
  });

  it('says when a file failed before its scenarios ran, and lists failures of other projects', () => {
    const out = report([
      moduleOf('browser:webkit', [], [new Error('webkit is not installed')]),
      moduleOf('unit', [{ name: 'u', state: 'failed', error: 'expected 1' }]),
    ]);
    expect(out).toContain('! test/browser/browser-webkit.test.ts FAILED before its scenarios ran');
    expect(out).toContain('  ✗ unit: u: expected 1');
  });

  it('prints nothing when no browser project ran and nothing failed', () => {
    expect(report([moduleOf('unit', [{ name: 'u', state: 'passed' }])])).toBe('');
  });
});
