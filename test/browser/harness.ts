/**
 * Shared harness of the browser suite: the fixture server (test/fixtures/server.ts) in-process and
 * one engine (the tab driver, ./driver), both started once for the project's files
 * (shared-run.ts), the engine of this vitest project (`browser:chromium`,
 * `browser:firefox`, `browser:webkit`; ENGINE in the environment).
 *
 * `useDemo()` registers the hooks; `demo.app()` opens a fresh context (fresh
 * service-worker registrations and storage) with the demo page in some tabs. Every event
 * the demo page records (prompt, cleanup, load, error, worker messages…) is posted to the
 * server's log under the app's key, so the log survives reloads in every engine.
 *
 * The parts, in harness/: the engine of the run (engine.ts), the page and app types
 * (types.ts), waits and timings (waits.ts), tests marked by engine (scenarios.ts), the
 * hooks (demo.ts), the app opener (app.ts) with what it sets and reads in the demo page
 * (demo-page.ts, e.g. the suite's hidden reload delay) and the events in prompt order (events.ts).
 */
export { ENGINE } from './harness/engine.js';
export type { App, AppTab, Demo, OpenOptions, PageSnapshot, RecordedEvent } from './harness/types.js';
export { poll, QUIET_MS, sleep, timing } from './harness/waits.js';
export { knownIssue, onlyIn, scenario } from './harness/scenarios.js';
export { LIBRARY_HIDDEN_RELOAD_DELAY } from './harness/demo-page.js';
export { answersVersion, useDemo } from './harness/demo.js';
