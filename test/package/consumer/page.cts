// `sw-update-coordinator` from CommonJS (require condition, .d.cts).
import { createUpdateCoordinator, type UpdateCoordinator } from 'sw-update-coordinator';

const updates: UpdateCoordinator = createUpdateCoordinator({ scriptURL: '/sw.js' });
export const unsubscribe: () => void = updates.subscribe(() => console.log(updates.getSnapshot().status));
