// @vitest-environment happy-dom
/**
 * Preact bindings with @testing-library/preact (components written with `h`, no JSX):
 * rendering, an update arriving, accepting from the UI, holds following state, and
 * cleanup on unmount.
 */
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { useHold, useUpdateCoordinator } from '../../src/bindings/preact.js';
import type { UpdateCoordinator } from '../../src/page/types.js';
import { createFakeCoordinator } from './fake-coordinator.js';

afterEach(cleanup);

function Banner({ updates }: { updates: UpdateCoordinator }) {
  const snapshot = useUpdateCoordinator(updates);
  if (!snapshot.isPrompting) return h('p', null, `status: ${snapshot.status}`);
  return h(
    'div',
    { role: 'status' },
    `Version ${snapshot.waitingVersion} is ready`,
    h('button', { onClick: () => updates.accept() }, 'Update'),
  );
}

function Editor({ updates, reason }: { updates: UpdateCoordinator; reason?: string }) {
  const [dirty, setDirty] = useState(false);
  useHold(updates, dirty, reason);
  return h('button', { onClick: () => setDirty(!dirty) }, dirty ? 'save' : 'edit');
}

describe('useUpdateCoordinator', () => {
  it('renders the snapshot and re-renders when an update arrives', () => {
    const updates = createFakeCoordinator();
    const { container, getByRole } = render(h(Banner, { updates }));
    expect(container.textContent).toBe('status: idle');

    act(() => updates.set({ status: 'available', isPrompting: true, waitingVersion: '2.4' }));
    expect(getByRole('status').textContent).toBe('Version 2.4 is readyUpdate');
  });

  it('shows a change made between the first render and the subscription', () => {
    const updates = createFakeCoordinator();
    // Changes the snapshot during the first render, before the effect subscribes.
    function Racing() {
      const snapshot = useUpdateCoordinator(updates);
      if (snapshot.status === 'idle') updates.set({ status: 'installing' });
      return h('p', null, snapshot.status);
    }
    const { container } = render(h(Racing, null));
    expect(container.textContent).toBe('installing');
    expect(updates.listenerCount()).toBe(1);
  });

  it('lets the UI accept through the coordinator', () => {
    const updates = createFakeCoordinator({ status: 'available', isPrompting: true, waitingVersion: '2.4' });
    const { getByText } = render(h(Banner, { updates }));
    fireEvent.click(getByText('Update'));
    expect(updates.calls.accept).toEqual([undefined]);
  });

  it('follows a new coordinator passed in, and unsubscribes from the old one', () => {
    const first = createFakeCoordinator();
    const second = createFakeCoordinator({ status: 'installing' });
    const { container, rerender } = render(h(Banner, { updates: first }));
    rerender(h(Banner, { updates: second }));
    expect(container.textContent).toBe('status: installing');
    expect([first.listenerCount(), second.listenerCount()]).toEqual([0, 1]);
  });

  it('unsubscribes on unmount', () => {
    const updates = createFakeCoordinator();
    const { unmount } = render(h(Banner, { updates }));
    expect(updates.listenerCount()).toBe(1);
    // Preact runs an effect's cleanup after paint on unmount: `act` flushes it.
    act(() => {
      unmount();
    });
    expect(updates.listenerCount()).toBe(0);
  });
});

describe('useHold', () => {
  it('holds while active, releases when inactive and on unmount', () => {
    const updates = createFakeCoordinator();
    const { getByRole, unmount } = render(h(Editor, { updates, reason: 'draft' }));
    const toggle = () => fireEvent.click(getByRole('button'));
    expect(updates.activeHolds()).toBe(0);

    toggle();
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold).toEqual(['draft']);
    toggle();
    expect(updates.activeHolds()).toBe(0);

    toggle();
    act(() => {
      unmount();
    });
    expect(updates.activeHolds()).toBe(0);
    expect(updates.calls.release).toBe(2);
  });

  it('takes the hold again under a new reason', () => {
    const updates = createFakeCoordinator();
    const { getByRole, rerender } = render(h(Editor, { updates, reason: 'draft' }));
    fireEvent.click(getByRole('button'));
    rerender(h(Editor, { updates, reason: 'upload' }));
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold).toEqual(['draft', 'upload']);
  });
});
