/**
 * The scenarios' update check after a deploy. Browsers also check for updates on their
 * own, a second or more after tabs open or reload (the spec's soft update; Chromium's up
 * to about 3 s later), and an `update()` made while such a check runs gets that check's
 * answer (the spec's job queue merges the two), which may predate the deploy: Chromium's
 * own check once fetched the previous, broken script just before a deploy, and the
 * scenario's check then answered with its syntax error (guide, "Browser support").
 */
import type { AppName, FixtureServer } from '../fixtures/server.js';
import { poll, type App, type AppTab } from './harness.js';

const AGAIN =
  "the check fetched nothing: it joined the browser's own update check, begun before the deploy; checking again";

/**
 * `checkForUpdate()` in `page`, just after a deploy of `appName` (default the root app).
 * A check that fetched no worker script cannot have seen the deploy: it is made again,
 * once, and that second answer is returned.
 */
export async function checkAfterDeploy(
  server: FixtureServer,
  app: App,
  page: AppTab | number = 0,
  appName?: AppName,
): Promise<boolean> {
  const requested = server.state(appName).swRequests;
  const found = await app.run(page, (d) => d.updates.checkForUpdate());
  if (found || server.state(appName).swRequests !== requested) return found;
  console.log(AGAIN);
  return app.run(page, (d) => d.updates.checkForUpdate());
}

/**
 * Starts `checkForUpdate()` in `page` just after a deploy, without waiting for its answer
 * (under `'auto'` the tab may reload onto the new version before the check resolves, and
 * the answer goes with the old page). The server tells instead: if no request of the
 * worker script comes within `within` ms (default 5 s: Firefox starts a check about a
 * second late), the check is started again, once.
 */
export async function startCheckAfterDeploy(
  server: FixtureServer,
  app: App,
  page: AppTab | number = 0,
  { within = 5_000 } = {},
): Promise<void> {
  const requested = server.state().swRequests;
  await app.run(page, (d) => void d.updates.checkForUpdate());
  if (await poll(() => server.state().swRequests > requested, { timeout: within })) return;
  console.log(AGAIN);
  await app.run(page, (d) => void d.updates.checkForUpdate());
}
