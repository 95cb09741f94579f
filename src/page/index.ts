/**
 * Page side: {@link createUpdateCoordinator} and the types. ESM and CommonJS. The
 * `sw-update-coordinator/global` build offers the same function to a classic
 * `<script src>` as `globalThis.swUpdateCoordinator.createUpdateCoordinator`.
 *
 * @module sw-update-coordinator
 */
// Page entry: re-exports only.
export { createUpdateCoordinator } from './browser-shell.js';
export { UPDATE_ERROR_CODES } from './errors.js';
export type { UpdateError, UpdateErrorCode } from './errors.js';
export type { UpdateEventListener, UpdateEventMap, UpdateEventType } from './update-events.js';
export type {
  AcceptOptions,
  CoordinatorSnapshot,
  CoordinatorStatus,
  PromptCleanup,
  UpdateCoordinator,
  UpdateCoordinatorOptions,
  UpdatePolicy,
  UpdatePrompt,
} from './types.js';
export type { Timing } from '../../machines/timing.js';
