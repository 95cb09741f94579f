/**
 * Solid bindings (`sw-update-coordinator/solid`): the snapshot as a signal's accessor,
 * and holds tied to reactive state. Both clean up with the owner (component, root or
 * effect) they are created under. Commands (accept, dismiss, checkForUpdate) are called
 * on the coordinator itself; these primitives add only what Solid needs.
 *
 * @module sw-update-coordinator/solid
 */
import { createEffect, createMemo, createSignal, getOwner, onCleanup, type Accessor } from 'solid-js';
import type { CoordinatorSnapshot, UpdateCoordinator } from '../page/types.js';

/**
 * The coordinator's snapshot as an accessor, updated on every change: read it in
 * JSX or an effect and that part re-runs. Call it in a component (or under any
 * owner): it unsubscribes when the owner is disposed. On a server it does not
 * subscribe (nothing changes there, and server rendering never disposes).
 *
 * @example
 * ```tsx
 * function UpdateBanner() {
 *   const snapshot = useUpdateCoordinator(updates);
 *   return (
 *     <Show when={snapshot().isPrompting}>
 *       <div role="status">
 *         Version {snapshot().waitingVersion ?? 'new'} is ready
 *         <button onClick={() => updates.accept()}>Update</button>
 *         <button onClick={() => updates.dismiss()}>Later</button>
 *       </div>
 *     </Show>
 *   );
 * }
 * ```
 */
export function useUpdateCoordinator(coordinator: UpdateCoordinator): Accessor<CoordinatorSnapshot> {
  const [snapshot, setSnapshot] = createSignal(coordinator.getSnapshot());
  if (typeof window !== 'undefined') {
    // The snapshot is an object, never a function, so the setter takes it as the value.
    const unsubscribe = coordinator.subscribe(() => setSnapshot(coordinator.getSnapshot()));
    // Without an owner there is nothing to dispose with; onCleanup would only warn.
    if (getOwner()) onCleanup(unsubscribe);
  }
  return snapshot;
}

/**
 * Holds the update while `active` is true (an accessor, or a boolean): no tab reloads
 * for an update until it is released. Released when `active` turns false, when
 * `reason` changes (then taken again), and when the owner is disposed.
 *
 * @example
 * ```tsx
 * const [draft, setDraft] = createSignal('');
 * useHold(updates, () => draft() !== '', 'unsaved draft');
 * ```
 */
export function useHold(
  coordinator: UpdateCoordinator,
  active: boolean | Accessor<boolean>,
  reason?: string | Accessor<string | undefined>,
): void {
  // Memos: `() => draft() !== ''` changes with every keystroke, but only a change of the
  // boolean (or of the reason) may release the hold; a release and a new hold in between
  // would let an accepted update through.
  const held = createMemo(() => read(active));
  const why = createMemo(() => read(reason));
  createEffect(() => {
    if (held()) onCleanup(coordinator.hold(why()));
  });
}

const read = <T>(value: T | Accessor<T>): T => (typeof value === 'function' ? (value as Accessor<T>)() : value);
