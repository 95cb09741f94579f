/**
 * Types of the worker's classic script (`sw-update-coordinator/worker-global`), copied
 * to dist/worker-global.d.ts by the build, its `./index.js` import made `./worker.js`.
 * See src/page/global-types.ts.
 */
import type { handleUpdates } from './index.js';

declare global {
  /** What the classic scripts put on the global object; see `sw-update-coordinator/global`. */
  interface SwUpdateCoordinatorGlobal {
    /** See `handleUpdates` in `sw-update-coordinator/worker`. */
    handleUpdates: typeof handleUpdates;
  }
  /**
   * Set by `importScripts()` of `dist/worker-global.iife.js`; also
   * `self.swUpdateCoordinator`. Editors see it with
   * `/// <reference types="sw-update-coordinator/worker-global" />`.
   */
  // `var`, not `let`: only a `var` declaration becomes a property of self.
  var swUpdateCoordinator: SwUpdateCoordinatorGlobal;
}

export {};
