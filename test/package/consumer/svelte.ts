// `sw-update-coordinator/svelte` from an ES module (the binding is ESM-only).
import { derived, get, type Readable } from 'svelte/store';
import type { UpdateCoordinator } from 'sw-update-coordinator';
import { updateStore } from 'sw-update-coordinator/svelte';

export function promptVisible(updates: UpdateCoordinator): Readable<boolean> {
  const update = updateStore(updates);
  console.log(get(update).status);
  return derived(update, ($update) => $update.isPrompting);
}
