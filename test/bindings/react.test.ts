// @vitest-environment happy-dom
/**
 * React bindings with react-dom/client and `act`: rendering, an update arriving,
 * accepting from the UI, holds following state, and cleanup on unmount.
 */
import { act, createElement, StrictMode, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useHold, useUpdateCoordinator } from '../../src/bindings/react.js';
import type { UpdateCoordinator } from '../../src/page/types.js';
import { createFakeCoordinator } from './fake-coordinator.js';

declare global {
  // Tells React that `act` is in use, so it warns about updates outside it.
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}
beforeAll(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.replaceChildren();
});

function render(node: ReactNode): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(createElement(StrictMode, null, node)));
  return container;
}

function Banner({ updates }: { updates: UpdateCoordinator }) {
  const snapshot = useUpdateCoordinator(updates);
  if (!snapshot.isPrompting) return createElement('p', null, `status: ${snapshot.status}`);
  return createElement(
    'div',
    { role: 'status' },
    `Version ${snapshot.waitingVersion} is ready`,
    createElement('button', { onClick: () => updates.accept() }, 'Update'),
  );
}

function Editor({ updates, reason }: { updates: UpdateCoordinator; reason?: string }) {
  const [dirty, setDirty] = useState(false);
  useHold(updates, dirty, reason);
  return createElement('button', { onClick: () => setDirty(!dirty) }, dirty ? 'save' : 'edit');
}

function OfflineNote({ updates }: { updates: UpdateCoordinator }) {
  const { offlineReady } = useUpdateCoordinator(updates);
  return createElement('p', null, offlineReady ? 'works offline' : 'online only');
}

describe('useUpdateCoordinator', () => {
  it('passes offlineReady through, and re-renders when the first install finishes', () => {
    const updates = createFakeCoordinator({ status: 'installing', offlineReady: false });
    const container = render(createElement(OfflineNote, { updates }));
    expect(container.textContent).toBe('online only');
    act(() => updates.set({ status: 'idle', offlineReady: true }));
    expect(container.textContent).toBe('works offline');
  });

  it('renders the snapshot and re-renders when an update arrives', () => {
    const updates = createFakeCoordinator();
    const container = render(createElement(Banner, { updates }));
    expect(container.textContent).toBe('status: idle');

    act(() => updates.set({ status: 'available', isPrompting: true, waitingVersion: '2.4' }));
    expect(container.querySelector('[role=status]')!.textContent).toBe('Version 2.4 is readyUpdate');
  });

  it('lets the UI accept through the coordinator', () => {
    const updates = createFakeCoordinator({ status: 'available', isPrompting: true, waitingVersion: '2.4' });
    const container = render(createElement(Banner, { updates }));
    act(() => container.querySelector('button')!.click());
    expect(updates.calls.accept).toEqual([undefined]);
  });

  it('unsubscribes on unmount', () => {
    const updates = createFakeCoordinator();
    render(createElement(Banner, { updates }));
    expect(updates.listenerCount()).toBe(1);
    act(() => root!.unmount());
    root = undefined;
    expect(updates.listenerCount()).toBe(0);
  });
});

describe('useHold', () => {
  it('holds while active, releases when inactive and on unmount (one hold under StrictMode)', () => {
    const updates = createFakeCoordinator();
    const container = render(createElement(Editor, { updates, reason: 'draft' }));
    const toggle = () => act(() => container.querySelector('button')!.click());
    expect(updates.activeHolds()).toBe(0);

    toggle();
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold.at(-1)).toBe('draft');
    toggle();
    expect(updates.activeHolds()).toBe(0);

    toggle();
    act(() => root!.unmount());
    root = undefined;
    expect(updates.activeHolds()).toBe(0);
  });

  it('takes the hold again under a new reason', () => {
    const updates = createFakeCoordinator();
    const container = render(createElement(Editor, { updates, reason: 'draft' }));
    act(() => container.querySelector('button')!.click());
    act(() => root!.render(createElement(StrictMode, null, createElement(Editor, { updates, reason: 'upload' }))));
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold.at(-1)).toBe('upload');
  });
});
