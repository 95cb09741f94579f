/** importScripts() entry: sets `self.swUpdateCoordinator = { handleUpdates }`. */
import { handleUpdates } from './worker.js';

(globalThis as { swUpdateCoordinator?: unknown }).swUpdateCoordinator = { handleUpdates };
