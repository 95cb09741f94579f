// @vitest-environment happy-dom
/**
 * Solid bindings with @solidjs/testing-library (components written with `solid-js/h`,
 * so no JSX transform): rendering, an update arriving, accepting from the UI, holds
 * following signals, and cleanup when the owner is disposed. test/vitest.config.ts
 * points `solid-js` at its browser build here.
 */
import { cleanup, render, renderHook } from '@solidjs/testing-library';
import { createComputed, createRoot, createSignal, type Accessor, type JSX } from 'solid-js';
import h from 'solid-js/h';
import { afterEach, describe, expect, it } from 'vitest';
import { useHold, useUpdateCoordinator } from '../../src/bindings/solid.js';
import type { UpdateCoordinator } from '../../src/page/types.js';
import { createFakeCoordinator } from './fake-coordinator.js';

afterEach(cleanup);

/** Renders `h(component, props)`; hyperscript's return type is wider than `JSX.Element`. */
const show = <P>(component: (props: P) => unknown, props: P) =>
  render(() => h(component as never, props as never) as unknown as JSX.Element);

function Banner(props: { updates: UpdateCoordinator }) {
  const snapshot = useUpdateCoordinator(props.updates);
  return () =>
    snapshot().isPrompting
      ? h(
          'div',
          { role: 'status' },
          `Version ${snapshot().waitingVersion} is ready`,
          h('button', { onClick: () => props.updates.accept() }, 'Update'),
        )
      : h('p', `status: ${snapshot().status}`);
}

describe('useUpdateCoordinator', () => {
  it('runs against the browser build of Solid (reactive), not the server one', () => {
    const [count, setCount] = createSignal(0);
    const seen: number[] = [];
    createRoot((dispose) => {
      createComputed(() => seen.push(count()));
      setCount(1);
      dispose();
    });
    expect(seen).toEqual([0, 1]);
  });

  it('renders the snapshot and re-renders when an update arrives', () => {
    const updates = createFakeCoordinator();
    const { container } = show(Banner, { updates });
    expect(container.textContent).toBe('status: idle');

    updates.set({ status: 'available', isPrompting: true, waitingVersion: '2.4' });
    expect(container.querySelector('[role=status]')!.textContent).toBe('Version 2.4 is readyUpdate');
  });

  it('lets the UI accept through the coordinator', () => {
    const updates = createFakeCoordinator({ status: 'available', isPrompting: true, waitingVersion: '2.4' });
    const { container } = show(Banner, { updates });
    container.querySelector('button')!.click();
    expect(updates.calls.accept).toEqual([undefined]);
  });

  it('unsubscribes when the component unmounts', () => {
    const updates = createFakeCoordinator();
    const { unmount } = show(Banner, { updates });
    expect(updates.listenerCount()).toBe(1);
    unmount();
    expect(updates.listenerCount()).toBe(0);
  });

  it('returns an accessor of the very snapshot object, under any owner', () => {
    const updates = createFakeCoordinator();
    const { result, cleanup: dispose } = renderHook(useUpdateCoordinator, [updates]);
    expect(result()).toBe(updates.getSnapshot());
    updates.set({ status: 'installing' });
    expect(result()).toBe(updates.getSnapshot());
    expect(result().status).toBe('installing');
    dispose();
    expect(updates.listenerCount()).toBe(0);
  });
});

describe('useHold', () => {
  function Editor(props: { updates: UpdateCoordinator; reason?: Accessor<string> }) {
    const [dirty, setDirty] = createSignal(false);
    useHold(props.updates, dirty, props.reason ?? 'draft');
    return h('button', { onClick: () => setDirty(!dirty()) }, () => (dirty() ? 'save' : 'edit'));
  }

  it('holds while the accessor is true, releases when false and on unmount', () => {
    const updates = createFakeCoordinator();
    const { container, unmount } = show(Editor, { updates });
    const toggle = () => container.querySelector('button')!.click();
    expect(updates.activeHolds()).toBe(0);

    toggle();
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold).toEqual(['draft']);
    toggle();
    expect(updates.activeHolds()).toBe(0);

    toggle();
    unmount();
    expect(updates.activeHolds()).toBe(0);
    expect(updates.calls.release).toBe(2);
  });

  it('takes the hold again when a reactive reason changes', () => {
    const updates = createFakeCoordinator();
    const [reason, setReason] = createSignal('draft');
    const { cleanup: dispose } = renderHook(() => useHold(updates, () => true, reason));
    expect(updates.calls.hold).toEqual(['draft']);
    setReason('upload');
    expect(updates.calls.hold).toEqual(['draft', 'upload']);
    expect(updates.activeHolds()).toBe(1);
    dispose();
    expect(updates.activeHolds()).toBe(0);
  });

  it('keeps one hold while the accessor stays true, whatever it reads changes', () => {
    const updates = createFakeCoordinator();
    const [draft, setDraft] = createSignal('');
    const { cleanup: dispose } = renderHook(() => useHold(updates, () => draft() !== '', 'draft'));
    setDraft('H');
    setDraft('Hello');
    expect(updates.calls.hold).toEqual(['draft']);
    expect(updates.calls.release).toBe(0);
    setDraft('');
    expect(updates.activeHolds()).toBe(0);
    dispose();
  });

  it('takes a plain `true` once, and releases it with the owner', () => {
    const updates = createFakeCoordinator();
    const { cleanup: dispose } = renderHook(() => useHold(updates, true, 'upload'));
    expect(updates.calls.hold).toEqual(['upload']);
    dispose();
    expect(updates.activeHolds()).toBe(0);
  });
});
