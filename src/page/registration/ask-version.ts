/**
 * Asks a worker for its version over a MessageChannel, with a timeout: a worker
 * without our module never answers, and that must read as "unknown", not a hang.
 * A busy worker may answer after the timeout (WebKit, twenty tabs reloading at once
 * through it): `late` still gets that answer, so the version does not stay unknown.
 */
import type { Environment, WorkerLike } from '../environment.js';
import { message, type GetVersionMessage } from '../../protocol/messages.js';
import { isVersionMessage } from '../../protocol/checks.js';

export function askVersion(
  worker: WorkerLike | null,
  env: Pick<Environment, 'MessageChannel'>,
  timeoutMs: number,
  late?: (version: string) => void,
): Promise<string | undefined> {
  if (worker === null) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const { port1, port2 } = new env.MessageChannel();
    let timedOut = false;
    const close = (): void => {
      clearTimeout(timer);
      port1.onmessage = null;
      port1.close();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      // Without a late listener nobody waits for the answer: close the port now.
      if (late === undefined) close();
      resolve(undefined);
    }, timeoutMs);
    port1.onmessage = (event: MessageEvent) => {
      const version = isVersionMessage(event.data) ? event.data.version : undefined;
      close();
      if (!timedOut) resolve(version);
      else if (version !== undefined) late?.(version);
    };
    try {
      worker.postMessage(message<GetVersionMessage>({ type: 'GET_VERSION' }), [port2]);
    } catch {
      // A worker that turned redundant meanwhile may refuse messages: version unknown.
      close();
      resolve(undefined);
    }
  });
}
