/**
 * Which RELOAD messages a page obeys. A worker's `clients.matchAll({ includeUncontrolled:
 * true })` returns every window of the origin, whatever its scope, and workers of
 * protocol revision 1 posted RELOAD to all of them; a worker of a scope nested in this
 * page's still reaches it. So a page obeys a RELOAD only when the worker that sent it
 * belongs to the page's own registration (docs/protocol.md, "Who obeys a RELOAD").
 */
import type { RegistrationLike } from './environment.js';
import type { ReloadMessage } from '../protocol/messages.js';

/**
 * True when this page should act on `message`. Its registration must be known (before
 * that the page has nothing to reload onto). A revision-2 worker names its
 * `registration.scope`, which only a worker of this registration can have: it must be
 * this page's. A revision-1 worker names none; then `source` must be one of the
 * registration's workers: in one of its slots now, or `seen` there earlier by this page
 * (a worker object keeps its identity for the life of the page: the spec's service worker
 * object map). Trusting the named scope keeps a later release's RELOAD working in an
 * engine that hands out another object as `source`.
 */
export function isOwnReload(
  message: ReloadMessage,
  source: unknown,
  registration: RegistrationLike | undefined,
  seen: WeakSet<object>,
): boolean {
  if (registration === undefined) return false;
  if (message.scope !== undefined) return message.scope === registration.scope;
  const { active, waiting, installing } = registration;
  return (
    typeof source === 'object' &&
    source !== null &&
    (seen.has(source) || source === active || source === waiting || source === installing)
  );
}
