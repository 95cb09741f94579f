// `sw-update-coordinator/worker` from CommonJS (lib WebWorker).
import { handleUpdates } from 'sw-update-coordinator/worker';

declare const self: ServiceWorkerGlobalScope;

handleUpdates({ version: '2.0.0' }, self);
