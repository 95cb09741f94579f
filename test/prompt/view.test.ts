/** The presenting-tab rule of the prompt, as a pure function of snapshots. */
import { describe, expect, it } from 'vitest';
import type { CoordinatorSnapshot } from '../../src/page/types.js';
import { viewOf } from '../../src/prompt/view.js';
import { IDLE } from '../bindings/fake-coordinator.js';

const at = (patch: Partial<CoordinatorSnapshot>): CoordinatorSnapshot => ({ ...IDLE, ...patch });

describe('viewOf', () => {
  it('shows the update exactly while this tab presents', () => {
    expect(viewOf(at({ status: 'available', isPrompting: true, waitingVersion: '2.4' }), false)).toEqual({
      state: 'available',
      version: '2.4',
    });
    expect(viewOf(at({ status: 'available', isPrompting: false }), false)).toEqual({ state: 'hidden' });
    // Handed to another tab while showing: hide.
    expect(viewOf(at({ status: 'available', isPrompting: false }), true)).toEqual({ state: 'hidden' });
  });

  it.each(['blocked', 'activating', 'reloading'] as const)(
    "follows '%s' only in the tab that was showing",
    (status) => {
      expect(viewOf(at({ status, holds: 2 }), false)).toEqual({ state: 'hidden' });
      expect(viewOf(at({ status, holds: 2 }), true)).toEqual(
        status === 'blocked' ? { state: 'blocked', holds: 2 } : { state: 'updating' },
      );
    },
  );

  it.each(['idle', 'snoozed', 'failed', 'unsupported', 'installing', 'registering'] as const)(
    "hides on '%s' even where it was showing",
    (status) => {
      expect(viewOf(at({ status }), true)).toEqual({ state: 'hidden' });
    },
  );
});
