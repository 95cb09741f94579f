/**
 * The two versions a page knows. Its controller's: told to the machine (`VERSION_KNOWN`,
 * the snapshot's `version`). Its own: the version of the worker that served this page's
 * code, or, for a page loaded uncontrolled, of the first worker to claim it. They differ
 * once an update takes control of a page that has not reloaded yet (a held tab, a reload
 * still on its way); `update-applied`'s `previousVersion` is the page's own.
 */
import type { ContainerLike, WorkerLike } from '../environment.js';

/** Asks a worker for its version; `late`, if given, gets an answer that came after the timeout. */
export type AskVersion = (worker: WorkerLike | null, late?: (version: string) => void) => Promise<string | undefined>;

export interface PageVersions {
  /** Asks `worker`, the controller now, for its version; told on unless another took over meanwhile. */
  ask(worker: WorkerLike | null): void;
  /** The version of this page's code, once its worker reported one. */
  own(): string | undefined;
}

export function createPageVersions(
  container: Pick<ContainerLike, 'controller'>,
  loadController: WorkerLike | null,
  askVersion: AskVersion,
  tell: (version: string | undefined) => void,
): PageVersions {
  let ownWorker = loadController;
  let own: string | undefined;
  return {
    ask(worker) {
      ownWorker ??= worker;
      const answer = (version: string | undefined): void => {
        if (worker === ownWorker && version !== undefined) own = version;
        // An answer from a worker that no longer controls the page would undo the newer one's.
        if (container.controller === worker) tell(version);
      };
      void askVersion(worker, answer).then(answer);
    },
    own: () => own,
  };
}
