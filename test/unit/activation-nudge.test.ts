/**
 * The navigation that makes Chromium retry a dropped activation (the browser suite's
 * "requests in flight" scenario shows it working): started on the second SKIP_WAITING
 * for one worker, once, and removed when that worker leaves the waiting state.
 */
import { describe, expect, it } from 'vitest';
import { createActivationNudge, NUDGE_PATH } from '../../src/page/registration/activation-nudge.js';
import type { WorkerLike } from '../../src/page/environment.js';

class Worker extends EventTarget implements WorkerLike {
  scriptURL = 'https://app.example/sw.js';
  state: ServiceWorkerState = 'installed';
  postMessage(): void {}
  become(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

function nudgeWithVisits() {
  const visits: Array<{ url: string; removed: boolean }> = [];
  const nudge = createActivationNudge({
    visitHidden(url) {
      const visit = { url, removed: false };
      visits.push(visit);
      return () => void (visit.removed = true);
    },
  });
  return { nudge, visits };
}

describe('the activation nudge', () => {
  it('visits the scope on the second request for one worker, once, and removes the frame when it activates', () => {
    const { nudge, visits } = nudgeWithVisits();
    const worker = new Worker();
    nudge(worker, 'https://app.example/app/');
    expect(visits).toEqual([]);
    nudge(worker, 'https://app.example/app/');
    nudge(worker, 'https://app.example/app/');
    expect(visits).toEqual([{ url: `https://app.example/app/${NUDGE_PATH}`, removed: false }]);
    worker.become('activating');
    expect(visits[0]!.removed).toBe(true);
  });

  it('counts per worker: a newer waiting worker starts over', () => {
    const { nudge, visits } = nudgeWithVisits();
    const first = new Worker();
    const second = new Worker();
    nudge(first, 'https://app.example/');
    nudge(second, 'https://app.example/');
    expect(visits).toHaveLength(0);
    nudge(second, 'https://app.example/');
    expect(visits).toHaveLength(1);
    second.become('redundant');
    expect(visits[0]!.removed).toBe(true);
  });

  it('does nothing where the environment cannot visit (tests, or no DOM)', () => {
    const nudge = createActivationNudge({});
    const worker = new Worker();
    expect(() => {
      nudge(worker, 'https://app.example/');
      nudge(worker, 'https://app.example/');
    }).not.toThrow();
  });
});
