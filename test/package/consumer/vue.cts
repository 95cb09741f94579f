// `sw-update-coordinator/vue` from CommonJS.
import type { Ref } from 'vue';
import type { CoordinatorSnapshot, UpdateCoordinator } from 'sw-update-coordinator';
import { useUpdateCoordinator } from 'sw-update-coordinator/vue';

export function useStatus(updates: UpdateCoordinator): Readonly<Ref<CoordinatorSnapshot>> {
  return useUpdateCoordinator(updates);
}
