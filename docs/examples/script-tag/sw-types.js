// @ts-check
/// <reference types="sw-update-coordinator/worker-global" />
// A classic worker, checked with lib ["ES2022", "WebWorker"] in its own jsconfig.json.
importScripts('/vendor/sw-update-coordinator-worker.js');
self.swUpdateCoordinator.handleUpdates({ version: '2.4.0' });
