// @vitest-environment happy-dom
/**
 * <sw-update-prompt> in happy-dom: what it shows in each state, which coordinator
 * method each button calls, localisation, the live region, and that it never takes focus.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  defaultStrings,
  defineUpdatePrompt,
  mountUpdatePrompt,
  UpdatePromptElement,
  type UpdatePromptOptions,
} from '../../src/prompt/index.js';
import { createFakeCoordinator, type FakeCoordinator } from '../bindings/fake-coordinator.js';

let unmount: (() => void) | undefined;
afterEach(() => {
  vi.useRealTimers();
  unmount?.();
  unmount = undefined;
  document.body.replaceChildren();
});

function mount(updates: FakeCoordinator, options?: UpdatePromptOptions) {
  unmount = mountUpdatePrompt(updates, options);
  const host = document.querySelector('sw-update-prompt')!;
  const root = host.shadowRoot!;
  const [update, later] = root.querySelectorAll('button');
  return {
    host,
    message: root.querySelector<HTMLElement>('[part=message]')!,
    update: update!,
    later: later!,
    /** Text of the message and of each visible button, as a user sees it. */
    seen: () => ({
      state: host.getAttribute('state'),
      message: root.querySelector('[part=message]')!.textContent,
      buttons: [...root.querySelectorAll('button')].filter((b) => !b.hidden).map((b) => b.textContent),
    }),
  };
}

const PROMPTING = { status: 'available', isPrompting: true, waitingVersion: '2.4' } as const;

describe('<sw-update-prompt>', () => {
  it('is hidden while this tab does not present, with the live region already in place', () => {
    const updates = createFakeCoordinator({ status: 'available', isPrompting: false });
    const { seen, message } = mount(updates);
    expect(seen()).toEqual({ state: 'hidden', message: '', buttons: [] });
    expect(message.getAttribute('role')).toBe('status');
    expect(message.getAttribute('aria-live')).toBe('polite');
  });

  it('shows an update arriving, with its version when known', () => {
    const updates = createFakeCoordinator();
    const { seen } = mount(updates);
    updates.set(PROMPTING);
    expect(seen()).toEqual({ state: 'available', message: 'Version 2.4 is ready', buttons: ['Update', 'Later'] });
    updates.set({ waitingVersion: undefined });
    expect(seen().message).toBe('A new version is ready');
  });

  it('Update accepts and Later dismisses', () => {
    const updates = createFakeCoordinator(PROMPTING);
    const { update, later } = mount(updates);
    update.click();
    later.click();
    expect(updates.calls.accept).toEqual([undefined]);
    expect(updates.calls.dismiss).toBe(1);
  });

  it('after Update, follows blocked ("Update anyway" forces) and then updating', () => {
    vi.useFakeTimers({ now: 0 });
    const updates = createFakeCoordinator(PROMPTING);
    const { seen, update } = mount(updates);
    update.click();
    updates.set({ status: 'blocked', isPrompting: false, holds: 2 });
    expect(seen()).toEqual({
      state: 'blocked',
      message: 'Waiting for 2 tabs with unsaved changes',
      buttons: ['Update anyway'],
    });
    updates.set({ holds: 1 });
    expect(seen().message).toBe('Waiting for 1 tab with unsaved changes');

    vi.setSystemTime(1_000);
    update.click();
    expect(updates.calls.accept).toEqual([undefined, { force: true }]);
    // This tab holds the work itself: still blocked, and the button has done its job.
    expect(seen()).toEqual({ state: 'blocked', message: 'Waiting for 1 tab with unsaved changes', buttons: [] });

    updates.set({ status: 'activating', holds: 0 });
    expect(seen()).toEqual({ state: 'updating', message: 'Updating…', buttons: [] });
    updates.set({ status: 'reloading' });
    expect(seen()).toEqual({ state: 'updating', message: 'Updating…', buttons: [] });
  });

  it('ignores "Update anyway" right after it replaced Update (a double click must not force)', () => {
    vi.useFakeTimers({ now: 0 });
    const updates = createFakeCoordinator(PROMPTING);
    const { update } = mount(updates);
    update.click();
    updates.set({ status: 'blocked', isPrompting: false, holds: 1 });
    vi.setSystemTime(300);
    update.click();
    expect(updates.calls.accept).toEqual([undefined]);
    vi.setSystemTime(600);
    update.click();
    expect(updates.calls.accept).toEqual([undefined, { force: true }]);
  });

  it('stays hidden in tabs that were not presenting when the update was accepted', () => {
    const updates = createFakeCoordinator({ status: 'available', isPrompting: false });
    const { seen } = mount(updates);
    for (const status of ['blocked', 'activating', 'reloading'] as const) {
      updates.set({ status, holds: 1 });
      expect(seen().state).toBe('hidden');
    }
  });

  it('hides when presenting moves to another tab, or on dismiss', () => {
    const updates = createFakeCoordinator(PROMPTING);
    const { seen } = mount(updates);
    updates.set({ isPrompting: false });
    expect(seen()).toEqual({ state: 'hidden', message: '', buttons: [] });
    updates.set({ isPrompting: true });
    updates.set({ status: 'snoozed', isPrompting: false });
    expect(seen().state).toBe('hidden');
  });

  it('uses replacement strings, functions for the parameterised ones', () => {
    const updates = createFakeCoordinator(PROMPTING);
    const { seen } = mount(updates, {
      strings: {
        available: (version) => `Version ${version ?? '?'} ist bereit`,
        update: 'Aktualisieren',
        blocked: (holds) => `Warte auf ${holds} Tabs`,
      },
    });
    expect(seen()).toEqual({
      state: 'available',
      message: 'Version 2.4 ist bereit',
      buttons: ['Aktualisieren', 'Later'],
    });
    updates.set({ status: 'blocked', isPrompting: false, holds: 3 });
    expect(seen().message).toBe('Warte auf 3 Tabs');
    expect(seen().buttons).toEqual([defaultStrings.updateAnyway]);
  });

  it('never takes focus when it appears or changes', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    const updates = createFakeCoordinator();
    const { host } = mount(updates);
    updates.set(PROMPTING);
    updates.set({ status: 'blocked', isPrompting: false, holds: 1 });
    expect(document.activeElement).toBe(input);
    expect(host.shadowRoot!.querySelector('[autofocus]')).toBeNull();
  });

  it('puts real buttons in the tab order, with parts for styling', () => {
    const updates = createFakeCoordinator(PROMPTING);
    const { update, later, host } = mount(updates);
    expect([update.type, later.type]).toEqual(['button', 'button']);
    expect([update.tabIndex, later.tabIndex]).toEqual([0, 0]);
    expect(update.getAttribute('part')).toBe('button update');
    expect(later.getAttribute('part')).toBe('button later');
    expect(host.shadowRoot!.querySelector('[part=container]')).not.toBeNull();
  });

  it('is placed bottom-end unless told otherwise', () => {
    mount(createFakeCoordinator());
    expect(document.querySelector('sw-update-prompt')!.getAttribute('position')).toBe('bottom-end');
    unmount!();
    const { host } = mount(createFakeCoordinator(), { position: 'top-start' });
    expect(host.getAttribute('position')).toBe('top-start');
  });

  it('mounts into a given container; unmount unsubscribes and removes it', () => {
    const updates = createFakeCoordinator(PROMPTING);
    const container = document.createElement('main');
    document.body.append(container);
    unmount = mountUpdatePrompt(updates, { container });
    expect(container.querySelector('sw-update-prompt')).not.toBeNull();
    expect(updates.listenerCount()).toBe(1);
    unmount();
    expect(container.querySelector('sw-update-prompt')).toBeNull();
    expect(updates.listenerCount()).toBe(0);
  });

  it('defines the element once, however often it is asked to', () => {
    expect(customElements.get('sw-update-prompt')).toBe(UpdatePromptElement);
    expect(() => defineUpdatePrompt()).not.toThrow();
    expect(customElements.get('sw-update-prompt')).toBe(UpdatePromptElement);
  });

  it('works as plain markup, with the coordinator set as a property', () => {
    const updates = createFakeCoordinator(PROMPTING);
    document.body.innerHTML = '<sw-update-prompt position="top-end"></sw-update-prompt>';
    const host = document.querySelector('sw-update-prompt')!;
    host.coordinator = updates;
    expect(host.shadowRoot!.querySelector('[part=message]')!.textContent).toBe('Version 2.4 is ready');
    host.remove();
    expect(updates.listenerCount()).toBe(0);
  });

  it('keeps a coordinator set before the element was defined (framework property binding)', () => {
    const updates = createFakeCoordinator(PROMPTING);
    const early = document.createElement('late-update-prompt') as UpdatePromptElement;
    early.coordinator = updates;
    document.body.append(early);
    customElements.define('late-update-prompt', class extends UpdatePromptElement {});
    expect(early.getAttribute('state')).toBe('available');
    expect(updates.listenerCount()).toBe(1);
    early.remove();
    expect(updates.listenerCount()).toBe(0);
  });
});
