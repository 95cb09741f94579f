/**
 * Types of the page's classic script (`sw-update-coordinator/global`), copied to
 * dist/global.d.ts by the build: the global it sets, typed by the page entry's own
 * declarations. Types only, so the file is a valid `.d.ts` as it stands.
 */
import type { createUpdateCoordinator } from './index.js';

declare global {
  /**
   * What the classic scripts put on the global object. The page script
   * (`sw-update-coordinator/global`) adds `createUpdateCoordinator`, the worker script
   * (`sw-update-coordinator/worker-global`) adds `handleUpdates`. An interface, so the
   * two declarations merge instead of clashing in a program that references both.
   */
  interface SwUpdateCoordinatorGlobal {
    /** See `createUpdateCoordinator` in `sw-update-coordinator`. */
    createUpdateCoordinator: typeof createUpdateCoordinator;
  }
  /**
   * Set by the classic script `dist/global.iife.js`; also `window.swUpdateCoordinator`.
   * Editors see it with `/// <reference types="sw-update-coordinator/global" />`.
   */
  // `var`, not `let`: only a `var` declaration becomes a property of window and self.
  var swUpdateCoordinator: SwUpdateCoordinatorGlobal;
}

export {};
