/**
 * The prompt grant as one tab sees it: epochs order the leader's messages, junk and
 * stale messages change nothing, and a new leader learns who presented.
 */
import { describe, expect, it } from 'vitest';
import { createGrants } from '../../src/page/group/grants.js';

const NOW = 1_000_000;
const known = (id: string) => id === 'b';

describe('grants', () => {
  it('holds the grant from a GRANT for this tab until a REVOKE that does not spare it', () => {
    const grants = createGrants('a', () => NOW);
    expect(grants.grant('a', NOW, known)).toBe(true);
    expect(grants.held).toBe(true);
    expect(grants.revoke('a', NOW + 1)).toBe(false);
    expect(grants.held).toBe(true);
    expect(grants.revoke('b', NOW + 2)).toBe(true);
    expect(grants.held).toBe(false);
    expect(grants.revoke(undefined, NOW + 3)).toBe(false); // nothing left to take
  });

  it('ignores stale epochs, epochs far ahead of the clock, and grants for tabs nobody knows', () => {
    const grants = createGrants('a', () => NOW);
    grants.grant('b', NOW, known);
    expect(grants.grant('a', NOW - 1, known)).toBe(false);
    expect(grants.grant('a', NOW + 61_000, known)).toBe(false);
    expect(grants.grant('nobody', NOW + 5, known)).toBe(false);
    expect([grants.held, grants.presenter, grants.epoch]).toEqual([false, 'b', NOW]);
  });

  it('knows who presents: the tab last granted, none once it released, unknown after leaving', () => {
    const grants = createGrants('a', () => NOW);
    expect(grants.presenter).toBeUndefined();
    grants.grant('b', NOW, known);
    expect(grants.presenter).toBe('b');
    grants.released('a'); // someone else's answer changes nothing
    expect(grants.presenter).toBe('b');
    grants.released('b');
    expect(grants.presenter).toBeNull();
    grants.grant('a', NOW + 1, known);
    grants.reset();
    expect([grants.held, grants.presenter, grants.epoch]).toEqual([false, undefined, NOW + 1]);
  });
});
