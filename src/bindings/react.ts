/**
 * React bindings (`sw-update-coordinator/react`): the snapshot as state, and holds
 * tied to a component's life. Commands (accept, dismiss, checkForUpdate) are called
 * on the coordinator itself; these hooks add only what React needs.
 *
 * @module sw-update-coordinator/react
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { CoordinatorSnapshot, UpdateCoordinator } from '../page/types.js';

/**
 * What a coordinator created during server rendering reports (there is no `window`
 * there, so it is always unsupported). Used while hydrating, so the first client
 * render matches the server's HTML; React then re-renders with the live snapshot.
 */
const SERVER_SNAPSHOT: CoordinatorSnapshot = Object.freeze({
  status: 'unsupported',
  isLeader: false,
  isPrompting: false,
  holds: 0,
  offlineReady: false,
});
const getServerSnapshot = () => SERVER_SNAPSHOT;

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
  // A new subscribe function would make React resubscribe on every render.
  const subscribe = useCallback((listener: () => void) => coordinator.subscribe(listener), [coordinator]);
  return useSyncExternalStore(subscribe, () => coordinator.getSnapshot(), getServerSnapshot);
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
 *   return <textarea value={draft} onChange={(e) => setDraft(e.target.value)} />;
 * }
 * ```
 */
export function useHold(coordinator: UpdateCoordinator, active: boolean, reason?: string): void {
  useEffect(() => (active ? coordinator.hold(reason) : undefined), [coordinator, active, reason]);
}
