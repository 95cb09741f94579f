/**
 * Classic-script entry: sets `globalThis.swUpdateCoordinator` (dependencies inlined).
 * Its types: src/global-types.ts.
 */
import { createUpdateCoordinator } from './coordinator.js';

(globalThis as { swUpdateCoordinator?: unknown }).swUpdateCoordinator = { createUpdateCoordinator };
