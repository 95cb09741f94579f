/**
 * Whether this app's worker controls the page: then the app already works offline
 * (`snapshot.offlineReady`), from the page's first moment. Read by the shell before the
 * core runs, and by the core.
 */
import type { WorkerLike } from './environment.js';

export function isOwnController(controller: WorkerLike | null | undefined, scriptURL: string, href: string): boolean {
  return controller != null && controller.scriptURL === new URL(scriptURL, href).href;
}
