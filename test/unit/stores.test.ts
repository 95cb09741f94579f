/**
 * The small pure pieces: presenter choice, the snooze record and the reload guard.
 */
import { describe, expect, it } from 'vitest';
import { createReloadGuard, ANONYMOUS_RELOAD_WINDOW } from '../../src/page/storage/reload-guard.js';
import { choosePresenter, NEVER_SHOWN, totalHolds, type TabInfo } from '../../src/page/group/roster.js';
import { createSnoozeStore } from '../../src/page/storage/snooze-store.js';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const roster = (...tabs: TabInfo[]) => new Map(tabs.map((tab) => [tab.tabId, tab]));
const tab = (tabId: string, visible: boolean, focusedAt: number, holds = 0): TabInfo => ({
  tabId,
  visible,
  focusedAt,
  holds,
});

describe('choosePresenter', () => {
  it('picks the visible tab focused most recently', () => {
    expect(choosePresenter(roster(tab('a', true, 5), tab('b', true, 9), tab('c', false, 20)), 'a')).toBe('b');
  });
  it('keeps the tab looked at last when every tab is hidden', () => {
    expect(choosePresenter(roster(tab('a', false, 5), tab('b', false, 9)), 'a')).toBe('b');
  });
  it('falls back to the leader when no tab was shown since it started', () => {
    expect(choosePresenter(roster(tab('a', false, NEVER_SHOWN), tab('b', false, NEVER_SHOWN)), 'b')).toBe('b');
    expect(choosePresenter(new Map(), 'a')).toBe('a');
  });
  it('never picks a hidden tab while one is visible, however recently it was shown', () => {
    expect(choosePresenter(roster(tab('a', true, 1), tab('b', false, 9)), 'b')).toBe('a');
  });
  it('breaks ties on the id, so every tab computes the same answer', () => {
    expect(choosePresenter(roster(tab('b', true, 5), tab('a', true, 5)), 'b')).toBe('a');
  });
  it('sums holds across tabs', () => {
    expect(totalHolds(roster(tab('a', true, 1, 2), tab('b', false, 1, 1)))).toBe(3);
  });
});

describe('snooze store', () => {
  it('snoozes only the dismissed version, for its remaining time', () => {
    const storage = memoryStorage();
    createSnoozeStore(storage, 'https://app.test/').save('2', 1_000);
    const store = createSnoozeStore(storage, 'https://app.test/');
    expect(store.remaining('2', 400)).toBe(600);
    expect(store.remaining('3', 400)).toBe(0);
    expect(store.remaining('2', 1_500)).toBe(0);
  });
  it('keeps apps with different scopes apart', () => {
    const storage = memoryStorage();
    createSnoozeStore(storage, 'https://app.test/a/').save('2', 1_000);
    expect(createSnoozeStore(storage, 'https://app.test/b/').remaining('2', 0)).toBe(0);
  });
  it('ignores a corrupt record and still works without storage', () => {
    const storage = memoryStorage();
    const store = createSnoozeStore(storage, 's');
    storage.items.set('sw-update-coordinator:snooze:s', '{"until":"soon"');
    expect(store.remaining('2', 0)).toBe(0);
    const memoryOnly = createSnoozeStore(undefined, 's');
    memoryOnly.save('2', 100);
    expect(memoryOnly.remaining('2', 50)).toBe(50);
  });
});

describe('reload guard', () => {
  it('reloads once per update, even across the reload itself', () => {
    const storage = memoryStorage();
    let reloads = 0;
    const reload = () => void reloads++;
    expect(createReloadGuard(storage, 's', () => 0).reloadOnce('u1', reload)).toBeUndefined();
    // The next page, same tab (sessionStorage survives the reload):
    const refusal = createReloadGuard(storage, 's', () => 99_999).reloadOnce('u1', reload);
    expect(refusal?.message).toContain('already reloaded');
    expect(createReloadGuard(storage, 's', () => 99_999).reloadOnce('u2', reload)).toBeUndefined();
    expect(reloads).toBe(2);
  });
  it('updates without an id reload at most once per window', () => {
    const storage = memoryStorage();
    let now = 0;
    let reloads = 0;
    const guard = createReloadGuard(storage, 's', () => now);
    guard.reloadOnce(undefined, () => void reloads++);
    now = ANONYMOUS_RELOAD_WINDOW - 1;
    expect(guard.reloadOnce(undefined, () => void reloads++)).toBeInstanceOf(Error);
    now = ANONYMOUS_RELOAD_WINDOW;
    expect(guard.reloadOnce(undefined, () => void reloads++)).toBeUndefined();
    expect(reloads).toBe(2);
  });
  it('survives corrupt or missing storage', () => {
    const storage = memoryStorage();
    storage.items.set('sw-update-coordinator:reloads:s', 'not json');
    let reloads = 0;
    const guard = createReloadGuard(storage, 's', () => 0);
    expect(guard.reloadOnce('u', () => void reloads++)).toBeUndefined();
    expect(guard.reloadOnce('u', () => void reloads++)).toBeInstanceOf(Error);
    const noStorage = createReloadGuard(undefined, 's', () => 0);
    noStorage.reloadOnce('u', () => void reloads++);
    expect(noStorage.reloadOnce('u', () => void reloads++)).toBeInstanceOf(Error);
    expect(reloads).toBe(2);
  });
});
