/**
 * Preact bindings (`sw-update-coordinator/preact`), on `preact/hooks` alone: the
 * snapshot as state, and holds tied to a component's life. No `preact/compat` and no
 * React types needed. Commands (accept, dismiss, checkForUpdate) are called on the
 * coordinator itself; these hooks add only what Preact needs.
 *
 * @module sw-update-coordinator/preact
 */
import { useEffect, useState } from 'preact/hooks';
import type { CoordinatorSnapshot, UpdateCoordinator } from '../page/types.js';

/**
 * The coordinator's current snapshot; the component re-renders when it changes.
 * The snapshot keeps its identity until something changes, so it is safe in
 * dependency arrays and `memo` props.
 *
 * @example
 * ```tsx
 * function UpdateBanner() {
 *   const { isPrompting, waitingVersion } = useUpdateCoordinator(updates);
 *   if (!isPrompting) return null;
 *   return (
 *     <div role="status">
 *       Version {waitingVersion ?? 'new'} is ready
 *       <button onClick={() => updates.accept()}>Update</button>
 *       <button onClick={() => updates.dismiss()}>Later</button>
 *     </div>
 *   );
 * }
 * ```
 */
export function useUpdateCoordinator(coordinator: UpdateCoordinator): CoordinatorSnapshot {
  // Rendering reads the coordinator itself, so a new coordinator is seen at once; the
  // state only makes Preact re-render (it skips a setter given the value it holds).
  const snapshot = coordinator.getSnapshot();
  const [, rerender] = useState(snapshot);
  useEffect(() => {
    const update = () => rerender(coordinator.getSnapshot());
    // Effects run after paint: catch a change made between render and subscribe.
    update();
    return coordinator.subscribe(update);
  }, [coordinator]);
  return snapshot;
}

/**
 * Holds the update while `active` is true (for example, while a form has unsaved
 * changes): no tab reloads for an update until it is released. Released when
 * `active` becomes false, when `reason` changes (then taken again), and on unmount.
 *
 * @example
 * ```tsx
 * function Editor() {
 *   const [draft, setDraft] = useState('');
 *   useHold(updates, draft !== '', 'unsaved draft');
 *   return <textarea value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />;
 * }
 * ```
 */
export function useHold(coordinator: UpdateCoordinator, active: boolean, reason?: string): void {
  useEffect(() => (active ? coordinator.hold(reason) : undefined), [coordinator, active, reason]);
}
