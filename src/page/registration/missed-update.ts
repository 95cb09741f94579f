/**
 * A page that missed the reload (in the back/forward cache, frozen, or out of the group
 * while its registration failed) finds out when it is shown again or its controller
 * changes: an update was accepted since it loaded, and it does not run the active
 * worker's version.
 */
import type { ContainerLike, WorkerLike } from '../environment.js';
import type { AppliedStore } from '../storage/applied-record.js';

/**
 * The last applied update's id if this page, loaded at `loadedAt` under `loadController`,
 * is behind it; undefined if it is not (or no update was applied since it loaded).
 */
export function missedUpdate(
  applied: AppliedStore,
  container: Pick<ContainerLike, 'controller'>,
  loadController: WorkerLike | null,
  loadedAt: number,
): string | undefined {
  const record = applied.read();
  if (record === undefined || record.at <= loadedAt) return undefined;
  const controllerChanged = container.controller !== loadController;
  // WebKit restores a page from the back/forward cache still controlled by the worker
  // the update replaced (Chromium evicts such a page): a retired controller is behind.
  const controllerRetired = container.controller?.state === 'redundant';
  // Never controlled: behind only once the accepted update has activated; until then
  // the accept, and its holds, still decide.
  const uncontrolledBehind = loadController === null && (record.activatedAt ?? Number.NEGATIVE_INFINITY) > loadedAt;
  return controllerChanged || controllerRetired || uncontrolledBehind ? record.updateId : undefined;
}
