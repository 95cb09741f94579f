/** Page entry: re-exports only. */
export { createUpdateCoordinator } from './coordinator.js';
export type {
  AcceptOptions,
  CoordinatorSnapshot,
  CoordinatorStatus,
  PromptCleanup,
  UpdateCoordinator,
  UpdateCoordinatorOptions,
  UpdatePrompt,
} from './types.js';
export type { Timing } from '../machines/timing.js';
