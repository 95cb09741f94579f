// `sw-update-coordinator/worker` in a bundled service worker (lib WebWorker).
import { handleUpdates, type HandleUpdatesOptions } from 'sw-update-coordinator/worker';

declare const self: ServiceWorkerGlobalScope;

const options: HandleUpdatesOptions = { version: '2.0.0' };
// The real ServiceWorkerGlobalScope must fit the scope parameter.
handleUpdates(options, self);
handleUpdates();
