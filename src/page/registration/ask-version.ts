/**
 * Asks a worker for its version over a MessageChannel, with a timeout: a worker
 * without our module never answers, and that must read as "unknown", not a hang.
 */
import type { Environment, WorkerLike } from '../environment.js';
import { isVersionMessage, message, type GetVersionMessage } from '../../protocol.js';

export function askVersion(
  worker: WorkerLike | null,
  env: Pick<Environment, 'MessageChannel'>,
  timeoutMs: number,
): Promise<string | undefined> {
  if (worker === null) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const { port1, port2 } = new env.MessageChannel();
    const finish = (version: string | undefined): void => {
      clearTimeout(timer);
      port1.onmessage = null;
      port1.close();
      resolve(version);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    port1.onmessage = (event: MessageEvent) => finish(isVersionMessage(event.data) ? event.data.version : undefined);
    try {
      worker.postMessage(message<GetVersionMessage>({ type: 'GET_VERSION' }), [port2]);
    } catch {
      // A worker that turned redundant meanwhile may refuse messages: version unknown.
      finish(undefined);
    }
  });
}
