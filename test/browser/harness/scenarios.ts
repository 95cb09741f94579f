/**
 * Tests marked by engine: scenarios that need driver powers, tests for one engine only,
 * and an engine's known open problems. Each is reported as skipped, with its reason, where
 * it does not run.
 */
import { test, type TestContext } from 'vitest';
import { MISSING_POWER, POWERS, type EngineName, type EnginePowers } from '../driver/index.js';
import { ENGINE } from './engine.js';

/**
 * A scenario that needs engine powers (EnginePowers): it runs where the engine has them
 * and is reported as skipped, with the reason, where it does not (never as passed).
 */
export function scenario(
  name: string,
  needs: ReadonlyArray<keyof EnginePowers>,
  body: (context: TestContext) => Promise<void>,
  timeout?: number,
): void {
  const lacking = needs.filter((power) => !POWERS[ENGINE].includes(power));
  test(
    name,
    async (context) => {
      if (lacking.length > 0)
        context.skip(`not applicable in ${ENGINE}: ${lacking.map((p) => MISSING_POWER[p]).join('; ')}`);
      await body(context);
    },
    timeout,
  );
}

/**
 * A test that runs in one engine only, for a reason other than a driver power (e.g.
 * Playwright's emulation for the prompt's component tests); elsewhere it is reported
 * as not applicable, with `reason`.
 */
export function onlyIn(
  engine: EngineName,
  reason: string,
): (name: string, body: (context: TestContext) => Promise<void>) => void {
  return (name, body) =>
    test(name, async (context) => {
      if (ENGINE !== engine) context.skip(`not applicable in ${ENGINE}: ${reason}`);
      await body(context);
    });
}

/**
 * Inside a test: skips it in `engine` for a known, open problem of that engine, with the
 * reason in the per-engine report (never as passed). Each use is listed in
 * docs/troubleshooting.md ("Browser support: open findings").
 */
export function knownIssue(context: TestContext, engine: EngineName, reason: string): void {
  if (ENGINE === engine) context.skip(`not run in ${engine}, open finding: ${reason}`);
}
