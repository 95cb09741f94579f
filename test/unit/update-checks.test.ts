/**
 * What a check answers: "a newer worker was found" whether it is still installing, waits,
 * or already took over by the time `update()` settles (Firefox activates a worker that
 * the 'auto' policy applies at once before the promise resolves).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../machines/timing.js';
import type { RegistrationLike, WorkerLike } from '../../src/page/environment.js';
import { createUpdateChecks } from '../../src/page/registration/update-checks.js';

const worker = (name: string) => ({ scriptURL: `/sw.js#${name}` }) as unknown as WorkerLike;

/** A registration whose update() leaves it as `after` says. */
function registration(after: Partial<Pick<RegistrationLike, 'installing' | 'waiting' | 'active'>>): RegistrationLike {
  const reg = Object.assign(new EventTarget(), {
    scope: '/',
    installing: null as WorkerLike | null,
    waiting: null as WorkerLike | null,
    active: worker('v1') as WorkerLike | null,
    update: async () => void Object.assign(reg, after),
  });
  return reg;
}

describe('an explicit check', () => {
  const run = (reg: RegistrationLike) => createUpdateChecks(DEFAULT_TIMING).run('explicit', 0, reg, () => {});

  it('is true when a newer worker is installing or waiting', async () => {
    await expect(run(registration({ installing: worker('v2') }))).resolves.toBe(true);
    await expect(run(registration({ waiting: worker('v2') }))).resolves.toBe(true);
  });

  it('is true when the newer worker is already active when update() settles', async () => {
    await expect(run(registration({ active: worker('v2') }))).resolves.toBe(true);
  });

  it('is false when nothing changed', async () => {
    await expect(run(registration({}))).resolves.toBe(false);
  });
});
