/**
 * Svelte bindings (`sw-update-coordinator/svelte`): the snapshot as a readable store,
 * for `$store` syntax in Svelte 4 and 5 components (or `fromStore` in runes code).
 * Commands (accept, dismiss, hold) are called on the coordinator itself.
 *
 * @module sw-update-coordinator/svelte
 */
import { readable, type Readable } from 'svelte/store';
import type { CoordinatorSnapshot, UpdateCoordinator } from '../page/types.js';

/**
 * A readable store of the coordinator's snapshot. It subscribes to the coordinator
 * while it has subscribers, and unsubscribes when the last one leaves.
 *
 * @example
 * ```svelte
 * <script>
 *   import { updateStore } from 'sw-update-coordinator/svelte';
 *   import { updates } from './updates.js';
 *   const update = updateStore(updates);
 *   // A hold while there is unsaved work (Svelte 5):
 *   // $effect(() => (dirty ? updates.hold('unsaved draft') : undefined));
 * </script>
 *
 * {#if $update.isPrompting}
 *   <div role="status">
 *     Version {$update.waitingVersion ?? 'new'} is ready
 *     <button onclick={() => updates.accept()}>Update</button>
 *     <button onclick={() => updates.dismiss()}>Later</button>
 *   </div>
 * {/if}
 * ```
 */
export function updateStore(coordinator: UpdateCoordinator): Readable<CoordinatorSnapshot> {
  return readable(coordinator.getSnapshot(), (set) => {
    // The snapshot may have changed while the store had no subscribers.
    set(coordinator.getSnapshot());
    return coordinator.subscribe(() => set(coordinator.getSnapshot()));
  });
}
