/**
 * Replay tracing (`npm run sim -- --seed N --trace`): after every timer of the virtual
 * clock, logs what changed since the last look: worker states, each live page's
 * status, leadership and prompt, and the tabs' page loads. Costly; replays only.
 */
import type { VirtualClock } from './clock.js';
import { current, type World } from './world.js';

export function traceWorld(world: World, clock: VirtualClock, log: (line: string) => void): void {
  const seen = new Map<string, string>();
  const note = (key: string, value: string, line: () => string): void => {
    if (seen.get(key) === value) return;
    seen.set(key, value);
    log(line());
  };
  clock.afterTimer = () => {
    for (const worker of world.browser.workers) {
      const state = `${worker.state}${worker.skipWaitingFlag ? ' (skipWaiting called)' : ''}`;
      note(`w${worker.id}`, state, () => `· worker #${worker.id} ${worker.label} ${state}`);
    }
    for (const tab of world.tabs) {
      const page = current(tab);
      const reloads = tab.tab.reloads;
      if (reloads > 0)
        note(`${tab.name} reloads`, String(reloads), () => `· ${tab.name} env.reload() (${reloads} so far)`);
      const gone = tab.tab.crashed ? 'crashed' : tab.tab.closed ? 'closed' : undefined;
      if (gone) {
        note(tab.name, gone, () => `· ${tab.name} ${gone}`);
        continue;
      }
      if (page === undefined) continue;
      const s = page.updates.getSnapshot();
      const state = `${s.status}${s.isLeader ? ', leader' : ''}${page.presenting ? ', prompting' : ''}${s.holds > 0 ? `, holds ${s.holds}` : ''}`;
      note(tab.name, `p${page.n} ${state}`, () => `· ${tab.name}/p${page.n} ${state}`);
    }
  };
}
