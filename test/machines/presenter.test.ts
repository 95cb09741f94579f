/**
 * The leader's presenter hand-off: never a grant while another tab may still
 * present; a grant follows the previous presenter's RELEASED, its leaving the
 * roster, or a timeout (short for a fresh leader, longer for a known presenter).
 */
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { presenterMachine } from '../../machines/presenter.js';
import { DEFAULT_TIMING } from '../../machines/timing.js';

function start(epoch = 100, presenter?: string | null) {
  const clock = new SimulatedClock();
  const log: string[] = [];
  const machine = presenterMachine.provide({
    actions: {
      broadcastRevoke: (_, { except, epoch }) => log.push(`revoke except ${except} @${epoch}`),
      broadcastGrant: (_, { tabId, epoch }) => log.push(`grant ${tabId} @${epoch}`),
    },
  });
  const actor = createActor(machine, { input: { epoch, presenter }, clock }).start();
  const roster = (desired: string | undefined, tabIds: string[]) =>
    actor.send({ type: 'ROSTER_CHANGED', desired, tabIds });
  const released = (tabId: string, epoch: number) => actor.send({ type: 'PRESENTER_RELEASED', tabId, epoch });
  return { clock, log, actor, roster, released };
}

describe('presenter machine', () => {
  it('a new leader first revokes everyone else, then grants after the hand-off timeout', () => {
    const { clock, log, roster } = start();
    roster('a', ['a', 'b']);
    expect(log).toEqual(['revoke except a @101']);
    clock.increment(DEFAULT_TIMING.handoffTimeout - 1);
    expect(log).toHaveLength(1);
    clock.increment(1);
    expect(log).toEqual(['revoke except a @101', 'grant a @101']);
  });

  it('a new leader that saw the presenter release grants at once', () => {
    const { log, roster } = start(100, null);
    roster('a', ['a', 'b']);
    expect(log).toEqual(['revoke except a @101', 'grant a @101']);
  });

  it('a new leader whose presenter is gone, or is the tab to grant, grants at once', () => {
    const gone = start(100, 'old-leader');
    gone.roster('a', ['a', 'b']);
    expect(gone.log).toEqual(['revoke except a @101', 'grant a @101']);
    const same = start(100, 'a');
    same.roster('a', ['a', 'b']);
    expect(same.log).toEqual(['revoke except a @101', 'grant a @101']);
  });

  it('a new leader waits for a presenter it knows, not for the hand-off timeout', () => {
    const { clock, log, roster, released } = start(100, 'b');
    roster('a', ['a', 'b']);
    clock.increment(DEFAULT_TIMING.handoffTimeout);
    expect(log).toEqual(['revoke except a @101']);
    released('b', 101);
    expect(log).toEqual(['revoke except a @101', 'grant a @101']);
  });

  it('a RELEASED of this round grants at once', () => {
    const { log, roster, released } = start();
    roster('a', ['a', 'b']);
    released('b', 101);
    expect(log).toEqual(['revoke except a @101', 'grant a @101']);
  });

  it('moving the prompt waits for the previous presenter, not for anyone else', () => {
    const { clock, log, roster, released } = start();
    roster('a', ['a', 'b', 'c']);
    clock.increment(DEFAULT_TIMING.handoffTimeout);
    log.length = 0;
    roster('b', ['a', 'b', 'c']);
    expect(log).toEqual(['revoke except b @102']);
    released('c', 102); // c never presented
    released('a', 101); // a late answer to an older round
    expect(log).toEqual(['revoke except b @102']);
    released('a', 102);
    expect(log).toEqual(['revoke except b @102', 'grant b @102']);
  });

  it('no change of the desired tab means no messages', () => {
    const { clock, log, roster } = start();
    roster('a', ['a', 'b']);
    clock.increment(DEFAULT_TIMING.handoffTimeout);
    log.length = 0;
    roster('a', ['a', 'b', 'c']);
    expect(log).toEqual([]);
  });

  it('when the presenter closed, the next tab is granted without waiting', () => {
    const { clock, log, roster } = start();
    roster('a', ['a', 'b']);
    clock.increment(DEFAULT_TIMING.handoffTimeout);
    log.length = 0;
    roster('b', ['b']);
    expect(log).toEqual(['revoke except b @102', 'grant b @102']);
  });

  it('a previous presenter still in the roster is waited for, up to the release timeout', () => {
    const { clock, log, roster } = start();
    roster('a', ['a', 'b']);
    clock.increment(DEFAULT_TIMING.handoffTimeout);
    log.length = 0;
    roster('b', ['a', 'b']); // a is busy: no RELEASED yet
    clock.increment(DEFAULT_TIMING.releaseTimeout - 1);
    expect(log).toEqual(['revoke except b @102']);
    clock.increment(1);
    expect(log).toEqual(['revoke except b @102', 'grant b @102']);
  });

  it('a silent previous presenter that leaves the roster is not waited for', () => {
    const { clock, log, roster } = start();
    roster('a', ['a', 'b']);
    clock.increment(DEFAULT_TIMING.handoffTimeout);
    log.length = 0;
    roster('b', ['a', 'b']);
    clock.increment(DEFAULT_TIMING.handoffTimeout);
    roster('b', ['b']); // a crashed: its Web Lock was freed
    expect(log).toEqual(['revoke except b @102', 'grant b @102']);
  });

  it('a change of mind during the hand-off revokes again; the first answer still counts', () => {
    const { clock, log, roster, released } = start();
    roster('a', ['a', 'b', 'c']);
    clock.increment(DEFAULT_TIMING.handoffTimeout);
    log.length = 0;
    roster('b', ['a', 'b', 'c']);
    roster('c', ['a', 'b', 'c']);
    // a answers the first REVOKE only: it no longer holds the grant at the second.
    released('a', 102);
    expect(log).toEqual(['revoke except b @102', 'revoke except c @103', 'grant c @103']);
  });

  it('with no target left, nobody presents: the next round does not wait for the old presenter', () => {
    const { clock, log, roster, released } = start();
    roster('a', ['a', 'b']);
    clock.increment(DEFAULT_TIMING.handoffTimeout);
    roster(undefined, ['a', 'b']);
    released('a', 102);
    log.length = 0;
    roster('b', ['a', 'b']);
    expect(log).toEqual(['revoke except b @103', 'grant b @103']);
  });

  it('grants never overlap: between two grants there is always a revoke round', () => {
    const { clock, log, roster } = start();
    const tabs = ['a', 'b', 'c', 'd'];
    for (let i = 0; i < 40; i++) {
      roster(tabs[(i * 7) % 4], tabs);
      if (i % 3 === 0) clock.increment(DEFAULT_TIMING.releaseTimeout);
    }
    clock.increment(DEFAULT_TIMING.releaseTimeout);
    const kinds = log.map((line) => line.split(' ')[0]);
    kinds.forEach((kind, i) => {
      if (kind === 'grant') expect(kinds[i - 1]).toBe('revoke');
    });
    expect(kinds.filter((k) => k === 'grant').length).toBeGreaterThan(3);
  });
});
