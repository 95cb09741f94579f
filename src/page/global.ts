/**
 * Classic-script entry: sets `globalThis.swUpdateCoordinator` (dependencies inlined).
 * Its types: src/page/global-types.ts.
 */
import { createUpdateCoordinator } from './browser-shell.js';

(globalThis as { swUpdateCoordinator?: unknown }).swUpdateCoordinator = { createUpdateCoordinator };
