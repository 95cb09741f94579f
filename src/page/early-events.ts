/**
 * What the page hears from its service-worker container before the core runs. The
 * shell starts listening the moment it is created and stays the page's only listener
 * for `message` and `controllerchange`: events heard before the core takes them are
 * kept, in order, and handed over in one synchronous step, so none falls between the two.
 */
import type { ContainerLike, Environment, WorkerLike } from './environment.js';

/** The slice of the environment the shell reads before the core has loaded. */
export type ShellEnvironment = Pick<
  Environment,
  'serviceWorker' | 'isSecureContext' | 'whenLoaded' | 'now' | 'href'
> & {
  /**
   * Resolves when the core may load, once the page has: at once, or, in a page that
   * loaded hidden by a reload, when it is shown or `delay` ms have passed
   * (`timing.hiddenReloadDelay`). Absent: at once.
   */
  whenUnhurried?(delay: number): Promise<void>;
};

export interface EarlyEvents {
  /** The worker that controlled the page when the shell started (a RELOAD from it means "already new"). */
  readonly controller: WorkerLike | null;
  /** `now()` when the shell started: updates accepted after this are ones this page may have missed. */
  readonly startedAt: number;
  /**
   * Hands `receiver` every event kept so far, in order, then each new one as it comes.
   * One receiver at a time; returns the function that detaches it.
   */
  receive(receiver: (event: Event) => void): () => void;
  /** Stops listening (the coordinator was destroyed). */
  close(): void;
}

const TYPES = ['message', 'controllerchange'] as const;

/**
 * Starts listening to `env.serviceWorker`; undefined where service workers cannot run
 * (no container, or an insecure context): then the coordinator is `unsupported`.
 * `heard` is called for each event kept before a receiver takes them, but a message
 * from the worker that controlled the page at start: one that already runs this page's
 * version has nothing for it to do (Chromium sends the RELOAD to pages that reloaded
 * before the activation, the new page included).
 */
export function listenEarly(env: ShellEnvironment | undefined, heard: () => void = () => {}): EarlyEvents | undefined {
  const container: ContainerLike | undefined = env?.isSecureContext ? env.serviceWorker : undefined;
  if (env === undefined || container === undefined) return undefined;
  const kept: Event[] = [];
  let receiver: ((event: Event) => void) | undefined;
  const controller = container.controller;
  const hear = (event: Event): void => {
    if (receiver) return receiver(event);
    kept.push(event);
    if (event.type !== 'message' || controller === null || (event as MessageEvent).source !== controller) heard();
  };
  TYPES.forEach((type) => container.addEventListener(type, hear));
  // Messages posted before this wait in the client message queue until it starts.
  container.startMessages();
  return {
    controller,
    startedAt: env.now(),
    receive(next) {
      receiver = next;
      kept.splice(0).forEach(next);
      return () => void (receiver === next && (receiver = undefined));
    },
    close() {
      receiver = undefined;
      TYPES.forEach((type) => container.removeEventListener(type, hear));
    },
  };
}
