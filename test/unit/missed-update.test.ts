/**
 * A page that missed the reload: behind when an update was accepted after it loaded and
 * its controller changed or retired, or (loaded uncontrolled) once that update activated.
 */
import { describe, expect, it } from 'vitest';
import type { WorkerLike } from '../../src/page/environment.js';
import { missedUpdate } from '../../src/page/registration/missed-update.js';
import type { AppliedRecord, AppliedStore } from '../../src/page/storage/applied-record.js';

const LOADED_AT = 1_000;
const worker = (state = 'activated'): WorkerLike => ({ state }) as unknown as WorkerLike;
const store = (record?: AppliedRecord): AppliedStore => ({ read: () => record, save() {}, markActivated() {} });

describe('missedUpdate', () => {
  const v1 = worker();
  const v2 = worker();

  it('names the update accepted after the page loaded, once another worker controls it', () => {
    const applied = store({ updateId: 'u2', at: LOADED_AT + 1 });
    expect(missedUpdate(applied, { controller: v2 }, v1, LOADED_AT)).toBe('u2');
  });

  it('is undefined for the controller the page loaded with, still active', () => {
    const applied = store({ updateId: 'u2', at: LOADED_AT + 1 });
    expect(missedUpdate(applied, { controller: v1 }, v1, LOADED_AT)).toBeUndefined();
  });

  it('names the update when the page is still controlled by the worker it replaced (retired)', () => {
    const retired = worker('redundant');
    const applied = store({ updateId: 'u2', at: LOADED_AT + 1 });
    expect(missedUpdate(applied, { controller: retired }, retired, LOADED_AT)).toBe('u2');
  });

  it('is undefined for an update accepted before the page loaded, or none', () => {
    expect(missedUpdate(store({ updateId: 'u1', at: LOADED_AT }), { controller: v2 }, v1, LOADED_AT)).toBeUndefined();
    expect(missedUpdate(store(), { controller: v2 }, v1, LOADED_AT)).toBeUndefined();
  });

  it('a page loaded uncontrolled is behind only once the accepted update activated after it loaded', () => {
    const accepted = { updateId: 'u2', at: LOADED_AT + 1 };
    expect(missedUpdate(store(accepted), { controller: null }, null, LOADED_AT)).toBeUndefined();
    expect(
      missedUpdate(store({ ...accepted, activatedAt: LOADED_AT + 2 }), { controller: null }, null, LOADED_AT),
    ).toBe('u2');
  });
});
