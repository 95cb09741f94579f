/**
 * The events the fake dispatches beyond plain `Event`: `ExtendableEvent` (install,
 * activate), `ExtendableMessageEvent` (page → worker) and `MessageEvent` (worker → page),
 * as real `Event` subclasses carrying the spec's fields. Also structured cloning of
 * message payloads with transferred ports.
 */
import { isVirtualPort } from './ports.js';
import type { FakeServiceWorker } from './service-worker.js';
import type { FakeWindowClient } from './clients.js';

/**
 * An ExtendableEvent: active while being dispatched or while a `waitUntil` promise is
 * pending (spec "add lifetime promise"); `waitUntil` on an inactive event throws.
 */
export class FakeExtendableEvent extends Event {
  #dispatching = false;
  #pending = 0;
  #rejected = false;
  #whenInactive: Array<() => void> = [];

  get active(): boolean {
    return this.#dispatching || this.#pending > 0;
  }

  /** Some `waitUntil` promise rejected (an install that fails). */
  get rejected(): boolean {
    return this.#rejected;
  }

  waitUntil(promise: Promise<unknown>): void {
    if (!this.active) {
      throw new DOMException(
        'The event handler is already finished and no extend lifetime promises are outstanding.',
        'InvalidStateError',
      );
    }
    this.#pending++;
    // The spec decrements in a microtask queued by the promise reaction.
    const settle = (rejected: boolean): void => {
      if (rejected) this.#rejected = true;
      queueMicrotask(() => {
        this.#pending--;
        this.#notifyIfInactive();
      });
    };
    Promise.resolve(promise).then(
      () => settle(false),
      () => settle(true),
    );
  }

  /** @internal Marks the dispatch; `waitUntil` is allowed from here on. */
  beginDispatch(): void {
    this.#dispatching = true;
  }

  /** @internal */
  endDispatch(): void {
    this.#dispatching = false;
    this.#notifyIfInactive();
  }

  /** @internal Resolves once the event is no longer active. */
  inactive(): Promise<void> {
    if (!this.active) return Promise.resolve();
    return new Promise((resolve) => this.#whenInactive.push(resolve));
  }

  #notifyIfInactive(): void {
    if (this.active) return;
    const waiters = this.#whenInactive;
    this.#whenInactive = [];
    waiters.forEach((resolve) => resolve());
  }
}

/** Fields shared by the two message events. */
export interface MessageFields<Source> {
  readonly data: unknown;
  readonly origin: string;
  readonly source: Source;
  readonly ports: readonly MessagePort[];
}

/** `message` in the worker: `source` is the sending page's client, or a sending worker. */
export class FakeExtendableMessageEvent extends FakeExtendableEvent {
  readonly data: unknown;
  readonly origin: string;
  readonly lastEventId = '';
  readonly source: FakeWindowClient | FakeServiceWorker;
  readonly ports: readonly MessagePort[];

  constructor(fields: MessageFields<FakeWindowClient | FakeServiceWorker>) {
    super('message');
    ({ data: this.data, origin: this.origin, source: this.source } = fields);
    this.ports = Object.freeze([...fields.ports]);
  }
}

/** `message` on a page's container: `source` is this page's object for the sending worker. */
export class FakeMessageEvent extends Event {
  readonly data: unknown;
  readonly origin: string;
  readonly lastEventId = '';
  readonly source: FakeServiceWorker;
  readonly ports: readonly MessagePort[];

  constructor(fields: MessageFields<FakeServiceWorker>) {
    super('message');
    ({ data: this.data, origin: this.origin, source: this.source } = fields);
    this.ports = Object.freeze([...fields.ports]);
  }
}

/** A message after StructuredSerializeWithTransfer + deserialize: a copy, ports moved. */
export interface ClonedMessage {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}

/**
 * Clones `message` now, as `postMessage` does synchronously (so a non-cloneable message
 * throws DataCloneError at the call site), transferring the MessagePorts in `transfer`.
 */
export function cloneMessage(
  message: unknown,
  transfer: readonly Transferable[] | StructuredSerializeOptions = [],
): ClonedMessage {
  const list = isTransferList(transfer) ? [...transfer] : [...(transfer.transfer ?? [])];
  // Virtual ports (ports.ts) are plain objects: they move by reference.
  const virtual = list.filter(isVirtualPort) as unknown as MessagePort[];
  const real = list.filter((item) => !isVirtualPort(item));
  const ports = real.filter((item): item is MessagePort => item instanceof MessagePort);
  const cloned = structuredClone<ClonedMessage>({ data: message, ports }, { transfer: real });
  return virtual.length === 0 ? cloned : { data: cloned.data, ports: [...cloned.ports, ...virtual] };
}

function isTransferList(value: readonly Transferable[] | StructuredSerializeOptions): value is readonly Transferable[] {
  return Array.isArray(value);
}
