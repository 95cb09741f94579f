/** Checks the options of `createUpdateCoordinator` before anything starts. */
import type { UpdateCoordinatorOptions } from './types.js';

/** Throws a TypeError naming the first invalid option. */
export function validateOptions(options: UpdateCoordinatorOptions): void {
  if (typeof options?.scriptURL !== 'string' || options.scriptURL.length === 0) {
    throw new TypeError(
      "createUpdateCoordinator: options.scriptURL must be the service worker's URL, for example '/sw.js'.",
    );
  }
  for (const name of ['checkInterval', 'snooze'] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && value >= 0)) {
      throw new TypeError(`createUpdateCoordinator: options.${name} must be a number of ms >= 0, got ${String(value)}.`);
    }
  }
}
