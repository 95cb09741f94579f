/**
 * The fake browser for tests: service workers, registrations, tabs and storage of one
 * origin, in memory, following the service-worker lifecycle. Re-exports only.
 */
export { createFakeBrowser, FakeBrowser } from './browser.js';
export type { FakeBrowserOptions, RegistrationSummary } from './browser.js';
export { FakeTab } from './tab.js';
export type { OpenTabOptions } from './tab.js';
export type { FakeEnvironment, PageCleanup, PageScript } from './page.js';
export { FakeServiceWorkerContainer } from './container.js';
export { FakeServiceWorkerRegistration } from './registration.js';
export type { FakeRegistrationInfo } from './registration.js';
export { FakeServiceWorker } from './service-worker.js';
export type { FakeWorkerInfo } from './service-worker.js';
export { FakeWorkerScope } from './worker-scope.js';
export { FakeClients, FakeWindowClient } from './clients.js';
export { FakeExtendableEvent, FakeExtendableMessageEvent, FakeMessageEvent } from './events.js';
export type { Deployment, WorkerScript, WorkerScriptBody } from './server.js';
export { FakeStorage } from './storage.js';
export { VirtualMessageChannel, VirtualMessagePort, isVirtualPort } from './ports.js';
export { CHANNEL_DELAY_MS, type ChannelTraffic } from './channel.js';
export { ENGINE_PROFILES, ENGINE_PROFILE_NAMES } from './profiles.js';
export { hiddenDueAt, type HiddenTimerModel } from './late-timers.js';
export type { EngineProfileName } from './profiles.js';
export { eventually, macrotask, waitFor } from './tasks.js';
export type { SettleOptions, WaitOptions } from './tasks.js';
export { messagesOf, record } from './recorders.js';
