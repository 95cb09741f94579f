/**
 * The core chunk: everything of the page side but the shell. The shell
 * (src/page/shell.ts) imports it with a dynamic `import()` after the page's `load`, so
 * bundlers put it, with xstate and broadcast-channel, in a chunk of its own.
 */
import { createCoordinator } from './coordinator.js';
import type { EarlyEvents, ShellEnvironment } from './early-events.js';
import { browserEnvironment } from './environment.js';
import type { UpdateCoordinator, UpdateCoordinatorOptions } from './types.js';

/** The core over the real browser, taking over what the shell has heard since it started. */
export function startCore(
  options: UpdateCoordinatorOptions,
  early: EarlyEvents,
  shell: ShellEnvironment,
): UpdateCoordinator {
  return createCoordinator(options, browserEnvironment(shell), early);
}
