/**
 * importScripts() entry: sets `self.swUpdateCoordinator = { handleUpdates }`.
 * Its types: src/worker/global-types.ts.
 */
import { handleUpdates } from './index.js';

(globalThis as { swUpdateCoordinator?: unknown }).swUpdateCoordinator = { handleUpdates };
