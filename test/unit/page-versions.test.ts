/**
 * A page's two versions: its controller's, told to the machine, and its own (the code it
 * runs), which stays what it was when an update takes control before the page reloads.
 */
import { describe, expect, it } from 'vitest';
import type { WorkerLike } from '../../src/page/environment.js';
import { createPageVersions, type AskVersion } from '../../src/page/registration/page-versions.js';

const worker = (): WorkerLike => ({ postMessage() {} }) as unknown as WorkerLike;

/** Questions kept until the test answers them, in time (`answer`) or late (`late`). */
function questions() {
  const asked = new Map<WorkerLike | null, { resolve(v?: string): void; late?: (v: string) => void }>();
  const ask: AskVersion = (w, late) => new Promise((resolve) => asked.set(w, { resolve, late }));
  return {
    ask,
    answer: async (w: WorkerLike | null, version?: string) => {
      asked.get(w)!.resolve(version);
      await Promise.resolve();
    },
    late: (w: WorkerLike, version: string) => asked.get(w)!.late!(version),
  };
}

/**
 * A page whose load controller is `loaded` (null: uncontrolled) and whose controller is
 * `controller` now; v1 and v2 are the workers, `told` what reached the machine.
 */
function page(loaded: 'v1' | null, controller: 'v1' | 'v2') {
  const workers = { v1: worker(), v2: worker() };
  const container = { controller: workers[controller] as WorkerLike | null };
  const told: Array<string | undefined> = [];
  const q = questions();
  const versions = createPageVersions(container, loaded && workers[loaded], q.ask, (v) => told.push(v));
  /** The controller changed to `w`: the page asks it, as on controllerchange. */
  const changeTo = (w: WorkerLike): void => {
    container.controller = w;
    versions.ask(w);
  };
  return { ...workers, told, q, versions, changeTo };
}

describe('page versions', () => {
  it('keeps the version of the worker that served the page after a newer one takes control', async () => {
    const { v1, v2, told, q, versions, changeTo } = page('v1', 'v1');
    versions.ask(v1);
    await q.answer(v1, '1');
    changeTo(v2);
    await q.answer(v2, '2');
    expect(told).toEqual(['1', '2']);
    expect(versions.own()).toBe('1');
  });

  it('an answer from a controller replaced meanwhile is not told: it would undo the newer one', async () => {
    const { v1, v2, told, q, versions } = page('v1', 'v2');
    // The shell saw the controller change before the core ran: both questions, v1's answer last.
    versions.ask(v2);
    versions.ask(v1);
    await q.answer(v2, '2');
    await q.answer(v1, '1');
    expect(told).toEqual(['2']);
    expect(versions.own()).toBe('1');
  });

  it('a late answer is told while its worker controls, and becomes the page version after an unknown one', async () => {
    const { v1, told, q, versions } = page('v1', 'v1');
    versions.ask(v1);
    await q.answer(v1, undefined);
    expect(versions.own()).toBeUndefined();
    q.late(v1, '1');
    expect(told).toEqual([undefined, '1']);
    expect(versions.own()).toBe('1');
  });

  it('a page loaded uncontrolled runs the version of the first worker to claim it', async () => {
    const { v1, v2, q, versions, changeTo } = page(null, 'v1');
    versions.ask(v1);
    await q.answer(v1, '1');
    changeTo(v2);
    await q.answer(v2, '2');
    expect(versions.own()).toBe('1');
  });
});
