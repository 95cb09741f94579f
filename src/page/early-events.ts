/**
 * What the page hears from its service-worker container before the core runs. The
 * shell starts listening the moment it is created and stays the page's only listener
 * for `message` and `controllerchange`: events heard before the core takes them are
 * kept, in order, and handed over in one synchronous step, so none falls between the two.
 */
import type { ContainerLike, Environment, WorkerLike } from './environment.js';

/** The slice of the environment the shell reads before the core has loaded. */
export type ShellEnvironment = Pick<Environment, 'serviceWorker' | 'isSecureContext' | 'whenLoaded' | 'now' | 'href'>;

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
 */
export function listenEarly(env: ShellEnvironment | undefined): EarlyEvents | undefined {
  const container: ContainerLike | undefined = env?.isSecureContext ? env.serviceWorker : undefined;
  if (env === undefined || container === undefined) return undefined;
  const kept: Event[] = [];
  let receiver: ((event: Event) => void) | undefined;
  const hear = (event: Event): void => void (receiver ? receiver(event) : kept.push(event));
  TYPES.forEach((type) => container.addEventListener(type, hear));
  // Messages posted before this wait in the client message queue until it starts.
  container.startMessages();
  return {
    controller: container.controller,
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
