/**
 * The errors the coordinator reports (`onError`, `snapshot.error`, the `update-failed`
 * event): plain `Error`s with a stable `code` beside the message, so apps branch on the
 * code and show or log the message.
 */

/**
 * Every {@link UpdateErrorCode}, for exhaustive handling. What each one means:
 * {@link UpdateErrorCode}.
 */
export const UPDATE_ERROR_CODES = [
  'registration-failed',
  'check-failed',
  'install-failed',
  'skip-waiting-unheard',
  'reload-refused',
  'reload-cancelled',
  'core-failed',
  'unexpected',
] as const;

/**
 * What failed. Stable across releases: new codes may be added, none is renamed.
 *
 * | code | meaning | what the coordinator does |
 * |---|---|---|
 * | `registration-failed` | `navigator.serviceWorker.register` rejected (script missing, not JavaScript, a syntax error, an insecure origin). | Status `'failed'`; retries with backoff, reporting once. |
 * | `check-failed` | An update check (`registration.update()`) failed: offline, a 404, a script that no longer parses. | Keeps the current version; automatic checks back off. |
 * | `install-failed` | A new worker failed its install step and was discarded. | Every tab stays on the current version. |
 * | `skip-waiting-unheard` | After an accept, the waiting worker did not activate within `timing.activateTimeout`: it does not listen for `{ type: 'SKIP_WAITING' }`. | The prompt comes back. |
 * | `reload-refused` | This tab was asked to reload a second time for the same update (something keeps replacing the worker). | Refuses, so there is no reload loop; status `'idle'`. |
 * | `reload-cancelled` | This tab was still there `timing.reloadTimeout` after its reload call for an update: the page's `beforeunload` prompt was answered "Stay", or the navigation failed. | The tab goes on with the version it runs, under the new worker, and takes part in the group again; that update does not ask it to reload again, the next one does (Firefox ignores a reload in such a page: it is reported again). Status `'idle'`. |
 * | `core-failed` | The coordinator's core chunk (loaded after the page's `load` event) did not load: not deployed beside the entry, or the network failed. | Status `'failed'` in this tab until it is reloaded. |
 * | `unexpected` | A bug in the coordinator itself. | The coordinator stops in this tab; please report it. |
 */
export type UpdateErrorCode = (typeof UPDATE_ERROR_CODES)[number];

/** An `Error` with a stable {@link UpdateErrorCode}; the message says what to do. */
export type UpdateError = Error & { readonly code: UpdateErrorCode };

/** Makes an {@link UpdateError}; `cause` is kept as the error's `cause`. */
export function updateError(code: UpdateErrorCode, message: string, cause?: unknown): UpdateError {
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
}
