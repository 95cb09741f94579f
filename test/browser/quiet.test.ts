/**
 * Quiet when there is nothing to do, in a real engine: idle tabs of an app, no update
 * anywhere and no hold, post no channel message at all (the roll call runs only while
 * something depends on liveness; broadcast-channel's election uses Web Locks). Every
 * `BroadcastChannel.prototype.postMessage` call in each tab is counted, as the bench
 * does (demo/bench-page.ts). The roll call is set to every 2 s so that, were it still
 * running, a 10 s window would see several; the control shows the same counter sees
 * it run once an update waits.
 */
import { describe, expect } from 'vitest';
import { scenario, sleep, useDemo, type App } from './harness.js';
import { waitForPrompt } from './reliability-helpers.js';

const demo = useDemo();
const ROLL_CALL_MS = 2_000;
const IDLE_WINDOW_MS = 10_000;

/** Starts counting every channel post of each live tab from now, by message type. */
async function countPosts(app: App): Promise<void> {
  for (const i of app.liveIndices()) {
    await app.pages[i]!.evaluate(() => {
      const w = window as unknown as { __posts?: Record<string, number>; __postCounting?: boolean };
      w.__posts = {};
      if (w.__postCounting) return;
      w.__postCounting = true;
      const post = BroadcastChannel.prototype.postMessage;
      BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
        const m = message as { type?: unknown; data?: { type?: unknown; action?: unknown } } | null;
        const label =
          m?.type === 'internal' ? `election:${String(m.data?.action)}` : String((m?.data ?? m)?.type ?? 'other');
        w.__posts![label] = (w.__posts![label] ?? 0) + 1;
        post.call(this, message);
      };
    });
  }
}

/** Posts per tab since `countPosts`, by message type. */
async function posts(app: App): Promise<Array<Record<string, number>>> {
  return Promise.all(
    app.liveIndices().map((i) =>
      app.pages[i]!.evaluate(() => (window as unknown as { __posts: Record<string, number> }).__posts),
    ),
  );
}

const total = (counts: Array<Record<string, number>>, type?: string): number =>
  counts.reduce((sum, c) => sum + Object.entries(c).reduce((s, [t, n]) => s + (type === undefined || t === type ? n : 0), 0), 0);

describe('idle tabs are quiet', () => {
  scenario(`3 idle tabs post no channel message in ${IDLE_WINDOW_MS / 1000} s; with an update waiting, the roll call runs`, [], async () => {
    const app = await demo.app({ tabs: 3, query: `timing.rollCallInterval=${ROLL_CALL_MS}` });
    await app.waitFor('one leader', async () => (await app.snapshots()).filter((s) => s?.isLeader).length === 1);
    await sleep(2 * ROLL_CALL_MS); // let the joins and the election settle

    await countPosts(app);
    await sleep(IDLE_WINDOW_MS);
    const idle = await posts(app);
    console.log(`idle, ${IDLE_WINDOW_MS} ms: posts per tab ${JSON.stringify(idle)}`);
    expect((await app.snapshots()).map((s) => s?.status)).toEqual(['idle', 'idle', 'idle']);
    expect(total(idle)).toBe(0);

    // Control: the same counter sees the roll call once something depends on liveness.
    await demo.server.deploy('good', '2');
    expect(await app.run(0, (d) => d.updates.checkForUpdate())).toBe(true);
    await waitForPrompt(app, '2');
    await countPosts(app);
    await sleep(4 * ROLL_CALL_MS);
    const waiting = await posts(app);
    console.log(`update waiting, ${4 * ROLL_CALL_MS} ms: posts per tab ${JSON.stringify(waiting)}`);
    expect(total(waiting, 'HELLO')).toBeGreaterThanOrEqual(2);
    expect(total(waiting, 'TAB')).toBeGreaterThanOrEqual(4);
    expect(app.eventsOf('error')).toEqual([]);
  }, 60_000);
});
