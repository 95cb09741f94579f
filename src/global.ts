/** Classic-script entry: sets `globalThis.swUpdateCoordinator` (dependencies inlined). */
import { createUpdateCoordinator } from './coordinator.js';

(globalThis as { swUpdateCoordinator?: unknown }).swUpdateCoordinator = { createUpdateCoordinator };
