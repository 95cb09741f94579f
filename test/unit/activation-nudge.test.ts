/**
 * The navigation that makes Chromium retry a dropped activation (the browser suite's
 * "requests in flight" scenario shows it working): once per worker, removed when that
 * worker leaves the waiting state. When it starts is the machine's (test/machines/delays.test.ts).
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
  it('visits the scope once per worker, and removes the frame when it activates', () => {
    const { nudge, visits } = nudgeWithVisits();
    const worker = new Worker();
    nudge(worker, 'https://app.example/app/');
    nudge(worker, 'https://app.example/app/');
    expect(visits).toEqual([{ url: `https://app.example/app/${NUDGE_PATH}`, removed: false }]);
    worker.become('activating');
    expect(visits[0]!.removed).toBe(true);
  });

  it('per worker: a newer waiting worker is nudged too, and its frame goes when it is replaced', () => {
    const { nudge, visits } = nudgeWithVisits();
    const first = new Worker();
    const second = new Worker();
    nudge(first, 'https://app.example/');
    nudge(second, 'https://app.example/');
    expect(visits).toHaveLength(2);
    second.become('redundant');
    expect(visits.map((v) => v.removed)).toEqual([false, true]);
  });

  it('where the environment cannot visit (tests, or no DOM), it leaves the worker alone', () => {
    const nudge = createActivationNudge({});
    const worker = new Worker();
    const added: string[] = [];
    worker.addEventListener = (type: string) => void added.push(type);
    nudge(worker, 'https://app.example/');
    expect(added).toEqual([]);
  });
});
