/**
 * Asking a worker for its version: an answer in time resolves the question; no answer
 * reads as unknown; an answer after the timeout (a busy worker) still reaches `late`.
 */
import { describe, expect, it, vi } from 'vitest';
import { askVersion } from '../../src/page/registration/ask-version.js';
import type { WorkerLike } from '../../src/page/environment.js';
import { message } from '../../src/protocol/messages.js';

/** A worker that keeps each question's port, to answer when the test says. */
class Worker extends EventTarget implements WorkerLike {
  scriptURL = 'https://app.example/sw.js';
  state: ServiceWorkerState = 'activated';
  ports: MessagePort[] = [];
  postMessage(_: unknown, transfer?: Transferable[]): void {
    this.ports.push(transfer![0] as MessagePort);
  }
  answer(version: string): void {
    this.ports.shift()!.postMessage(message({ type: 'VERSION', version }));
  }
}

const env = { MessageChannel };

describe('askVersion', () => {
  it('resolves with an answer given in time', async () => {
    const worker = new Worker();
    const asked = askVersion(worker, env, 60_000);
    worker.answer('2.0.0');
    await expect(asked).resolves.toBe('2.0.0');
  });

  it('reads no answer as unknown; an answer after that still reaches `late`', async () => {
    const worker = new Worker();
    const late: string[] = [];
    await expect(askVersion(worker, env, 1, (v) => late.push(v))).resolves.toBeUndefined();
    worker.answer('2.0.0');
    await vi.waitFor(() => expect(late).toEqual(['2.0.0']), { timeout: 5_000 });
  });
});
