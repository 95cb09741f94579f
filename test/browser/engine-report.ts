/**
 * Reporter: after the run, one block per engine: how many scenarios ran (passed,
 * failed) and which were not applicable there, with the reason the scenario gave
 * (`scenario()` in harness/scenarios.ts). A scenario that did not run is never counted as passed.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class EngineReport implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const engines = new Map<
      string,
      {
        passed: number;
        failed: number;
        notRun: number;
        skipped: string[];
        failures: string[];
        flaky: string[];
        brokenFiles: string[];
        files: Set<string>;
      }
    >();
    const otherFailures: string[] = [];
    for (const module of modules) {
      const project = module.project.name;
      if (!project.startsWith('browser:')) {
        for (const test of module.children.allTests('failed'))
          otherFailures.push(`  ✗ ${project}: ${test.fullName}: ${firstLine(test.result().errors?.[0]?.message)}`);
        continue;
      }
      const entry = engines.get(project) ?? {
        passed: 0,
        failed: 0,
        notRun: 0,
        skipped: [],
        failures: [],
        flaky: [],
        brokenFiles: [],
        files: new Set<string>(),
      };
      engines.set(project, entry);
      entry.files.add(module.moduleId);
      // A file whose setup failed (the engine missing or not starting) ran nothing: say so.
      if (module.errors().length > 0) entry.brokenFiles.push(module.moduleId.replace(/^.*\/test\//, 'test/'));
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') {
          entry.passed++;
          // Passed on its retry: still worth a line, with what went wrong the first time.
          // The whole message (a timed-out wait says each tab's state and the last events):
          // the first run's failure is printed nowhere else.
          if (test.diagnostic()?.flaky === true)
            entry.flaky.push(`${test.fullName}: ${opening(result.errors?.[0]?.message, 40)}`);
        } else if (result.state === 'failed') {
          entry.failed++;
          entry.failures.push(`${test.fullName}: ${firstLine(result.errors?.[0]?.message)}`);
        } else if (result.state === 'skipped' && result.note !== undefined)
          entry.skipped.push(`${test.fullName}: ${result.note}`);
        else entry.notRun++;
      }
    }
    const lines = engines.size === 0 ? [] : ['', 'Browser scenarios per engine:'];
    for (const [project, entry] of [...engines].sort()) {
      const ran = entry.passed + entry.failed;
      const open = entry.skipped.filter((line) => line.includes(': not run in ')).length;
      lines.push(
        `  ${project.slice('browser:'.length)}: ${ran} ran (${entry.passed} passed, ${entry.failed} failed), ` +
          `${entry.skipped.length - open} not applicable, ${open} not run for an open finding` +
          (entry.notRun > 0 ? `, ${entry.notRun} not run (filtered out or skipped)` : ''),
      );
      for (const skipped of entry.skipped) lines.push(`    - ${skipped}`);
      for (const file of entry.brokenFiles)
        lines.push(`    ! ${file} FAILED before its scenarios ran (see its error above)`);
    }
    // Failures last: a log cut to its tail still names what failed, in which engine, and why.
    const flaky = [...engines].flatMap(([project, entry]) =>
      entry.flaky.map((line) => `  ~ ${project.slice('browser:'.length)}: ${line}`),
    );
    if (flaky.length > 0) lines.push('', "Passed on their retry (the first run's error):", ...flaky);
    const failures = [...engines].flatMap(([project, entry]) =>
      entry.failures.map((line) => `  ✗ ${project.slice('browser:'.length)}: ${line}`),
    );
    if (failures.length + otherFailures.length > 0)
      lines.push(
        '',
        'Failed (browser scenarios after their retry, and any other test):',
        ...otherFailures,
        ...failures,
      );
    if (lines.length > 0) console.log(lines.join('\n'));
  }
}

function firstLine(message: string | undefined): string {
  return opening(message, 1);
}

/** The first `lines` lines of `message`, each cut at 300 characters, indented under the entry. */
function opening(message: string | undefined, lines: number): string {
  return (message ?? 'no error message')
    .split('\n')
    .slice(0, lines)
    .map((line) => line.slice(0, 300))
    .join('\n      ');
}
