/**
 * Stands in for the `unload` package, which broadcast-channel's elector uses to call
 * `die()` when the leader's page unloads. That package puts an `unload` listener on
 * the window, and Chrome keeps every page with one out of the back/forward cache. The
 * group adapter already leaves the election on `pagehide`, so nothing is lost: the
 * classic-script build and the demo swap this module in; bundler users can alias
 * `unload` to a copy of it (docs/troubleshooting.md).
 */
export const add = (): { remove: () => boolean; run: () => void } => ({ remove: () => false, run: () => {} });
export const runAll = (): Promise<unknown[]> => Promise.resolve([]);
export const removeAll = (): void => {};
export const getSize = (): number => 0;
