/** Checks the options of `createUpdateCoordinator` before anything starts. */
import { UPDATE_POLICIES } from '../../machines/update-policy.js';
import type { UpdateCoordinatorOptions } from './types.js';

/** Throws a TypeError naming the first invalid option. */
export function validateOptions(options: UpdateCoordinatorOptions): void {
  if (typeof options?.scriptURL !== 'string' || options.scriptURL.length === 0) {
    throw new TypeError(
      "createUpdateCoordinator: options.scriptURL must be the service worker's URL, for example '/sw.js'.",
    );
  }
  if (options.policy !== undefined && !UPDATE_POLICIES.includes(options.policy)) {
    throw new TypeError(
      `createUpdateCoordinator: options.policy must be one of ${UPDATE_POLICIES.map((p) => `'${p}'`).join(', ')}, got ${String(options.policy)}.`,
    );
  }
  for (const name of ['checkInterval', 'snooze', 'idleDelay'] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && value >= 0)) {
      throw new TypeError(
        `createUpdateCoordinator: options.${name} must be a number of ms >= 0, got ${String(value)}.`,
      );
    }
  }
}
