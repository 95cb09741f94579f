/**
 * The scenarios' update check after a deploy. Browsers also check for updates on their
 * own, a second or more after tabs open or reload (the spec's soft update; Chromium's up
 * to about 3 s later), and an `update()` made while such a check runs gets that check's
 * answer (the spec's job queue merges the two), which may predate the deploy: Chromium's
 * own check once fetched the previous, broken script just before a deploy, and the
 * scenario's check then answered with its syntax error (guide, "Browser support").
 */
import type { AppName, FixtureServer } from '../fixtures/server.js';
import type { App, AppTab } from './harness.js';

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
  console.log(
    "the check fetched nothing: it joined the browser's own update check, begun before the deploy; checking again",
  );
  return app.run(page, (d) => d.updates.checkForUpdate());
}
