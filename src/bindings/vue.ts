/**
 * Vue bindings (`sw-update-coordinator/vue`): the snapshot as a read-only ref, and
 * holds tied to reactive state. Commands (accept, dismiss, checkForUpdate) are called
 * on the coordinator itself; these composables add only what Vue needs.
 *
 * @module sw-update-coordinator/vue
 */
import {
  getCurrentScope,
  onScopeDispose,
  shallowReadonly,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type ShallowRef,
} from 'vue';
import type { CoordinatorSnapshot, UpdateCoordinator } from '../page/types.js';

/**
 * The coordinator's snapshot as a read-only shallow ref, updated on every change.
 * Call it in `setup()` or an effect scope: it unsubscribes when the scope is disposed.
 * On a server it does not subscribe (nothing changes there, and SSR never disposes).
 *
 * @example
 * ```ts
 * const UpdateBanner = defineComponent(() => {
 *   const snapshot = useUpdateCoordinator(updates);
 *   return () =>
 *     snapshot.value.isPrompting &&
 *     h('div', { role: 'status' }, [
 *       `Version ${snapshot.value.waitingVersion ?? 'new'} is ready`,
 *       h('button', { onClick: () => updates.accept() }, 'Update'),
 *       h('button', { onClick: () => updates.dismiss() }, 'Later'),
 *     ]);
 * });
 * ```
 */
export function useUpdateCoordinator(coordinator: UpdateCoordinator): Readonly<ShallowRef<CoordinatorSnapshot>> {
  const snapshot = shallowRef(coordinator.getSnapshot());
  if (typeof window !== 'undefined') {
    const unsubscribe = coordinator.subscribe(() => {
      snapshot.value = coordinator.getSnapshot();
    });
    // Outside a scope there is nothing to dispose with; onScopeDispose would only warn.
    if (getCurrentScope()) onScopeDispose(unsubscribe);
  }
  return shallowReadonly(snapshot);
}

/**
 * Holds the update while `active` is true (a ref, getter or boolean): no tab reloads
 * for an update until it is released. Released when `active` turns false, when
 * `reason` changes (then taken again), and when the scope is disposed.
 *
 * @example
 * ```ts
 * const draft = ref('');
 * useHold(updates, () => draft.value !== '', 'unsaved draft');
 * ```
 */
export function useHold(
  coordinator: UpdateCoordinator,
  active: MaybeRefOrGetter<boolean>,
  reason?: MaybeRefOrGetter<string | undefined>,
): void {
  // Sources, not one watchEffect: `() => draft.value !== ''` reads the draft, and an effect
  // re-run per keystroke would release the hold and take a new one, leaving a moment with
  // nothing held. A multi-source watch runs only when the boolean or the reason changes.
  watch(
    [() => toValue(active), () => toValue(reason)],
    ([held, why], _, onCleanup) => {
      if (held) onCleanup(coordinator.hold(why));
    },
    { immediate: true },
  );
}
