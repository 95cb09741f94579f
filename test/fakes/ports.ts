/**
 * An in-memory `MessageChannel` whose ports deliver with `setTimeout(0)` instead of
 * Node's real ports (which deliver on libuv's schedule, outside any fake clock). Pass
 * it as the `MessageChannel` option of the fake browser to make page ↔ worker replies
 * (askVersion) follow a virtual clock deterministically. The fake's postMessage
 * transfers these ports by reference.
 */
import { asBrowser, asPage, currentPage, type PageTimers } from './late-timers.js';

const VIRTUAL = Symbol('virtual MessagePort');

export class VirtualMessagePort extends EventTarget {
  readonly [VIRTUAL] = true;
  #other: VirtualMessagePort | undefined;
  #started = false;
  #closed = false;
  #queue: unknown[] = [];
  #onmessage: ((event: MessageEvent) => void) | null = null;
  /** The page that started the port: its listeners run as that page's code. */
  #owner: PageTimers | undefined;

  /** @internal */
  static entangle(a: VirtualMessagePort, b: VirtualMessagePort): void {
    a.#other = b;
    b.#other = a;
  }

  postMessage(message: unknown): void {
    const other = this.#other;
    if (this.#closed || other === undefined) return;
    const data = structuredClone(message);
    asBrowser(() => setTimeout(() => other.#receive(data), 0));
  }

  get onmessage(): ((event: MessageEvent) => void) | null {
    return this.#onmessage;
  }

  /** Setting `onmessage` starts the port, as on the web. */
  set onmessage(handler: ((event: MessageEvent) => void) | null) {
    if (this.#onmessage !== null) this.removeEventListener('message', this.#onmessage as EventListener);
    this.#onmessage = handler;
    if (handler !== null) {
      this.addEventListener('message', handler as EventListener);
      this.start();
    }
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#owner = currentPage();
    const queued = this.#queue;
    this.#queue = [];
    queued.forEach((data) => asBrowser(() => setTimeout(() => this.#dispatch(data), 0)));
  }

  close(): void {
    this.#closed = true;
    this.#queue = [];
  }

  #receive(data: unknown): void {
    if (this.#closed) return;
    if (this.#started) this.#dispatch(data);
    else this.#queue.push(data);
  }

  #dispatch(data: unknown): void {
    if (this.#closed) return;
    const dispatch = () => this.dispatchEvent(new MessageEvent('message', { data }));
    if (this.#owner === undefined) asBrowser(dispatch);
    else asPage(this.#owner, dispatch);
  }
}

export class VirtualMessageChannel {
  readonly port1 = new VirtualMessagePort();
  readonly port2 = new VirtualMessagePort();

  constructor() {
    VirtualMessagePort.entangle(this.port1, this.port2);
  }
}

export function isVirtualPort(value: unknown): value is VirtualMessagePort {
  return typeof value === 'object' && value !== null && VIRTUAL in value;
}
