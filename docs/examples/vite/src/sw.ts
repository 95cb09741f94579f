/// <reference lib="webworker" />
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { handleUpdates } from 'sw-update-coordinator/worker';

declare const self: ServiceWorkerGlobalScope;
declare const __APP_VERSION__: string;

// Answers the tabs' version questions, skips waiting when a tab accepts the update,
// then tells every tab to reload. No self.skipWaiting() or clientsClaim() elsewhere:
// the new worker waits until the user accepts.
handleUpdates({ version: __APP_VERSION__ });

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
