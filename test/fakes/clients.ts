/**
 * `self.clients` and the `WindowClient` objects it hands out: `matchAll`, `get`, `claim`,
 * and `Client.postMessage`, whose messages wait in the page's client message queue until
 * the page starts it.
 */
import { claimClients } from './activation.js';
import { cloneMessage, FakeMessageEvent } from './events.js';
import type { Page } from './page.js';
import type { WorkerRecord } from './service-worker.js';
import type { UserAgent } from './user-agent.js';

/** A snapshot of one window client, as `clients.matchAll()` returns (a new object each call). */
export class FakeWindowClient {
  readonly id: string;
  readonly url: string;
  readonly type = 'window';
  readonly frameType = 'top-level';
  readonly visibilityState: DocumentVisibilityState;
  readonly focused: boolean;

  constructor(
    private readonly ua: UserAgent,
    /** The worker whose `clients` made this object: the source of its messages. */
    private readonly sender: WorkerRecord,
    private readonly page: Page,
  ) {
    this.id = page.id;
    this.url = page.url;
    this.visibilityState = page.tab.visible ? 'visible' : 'hidden';
    this.focused = ua.focusedTab === page.tab && page.tab.visible;
  }

  postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
    const { data, ports } = cloneMessage(message, transfer);
    const { page, sender, ua } = this;
    ua.scheduler.queue(() => {
      // The document is gone (closed or navigated away): the message is dropped.
      if (page.discarded) return;
      page.container.enqueueClientMessage(() => {
        const source = page.realm.serviceWorker(sender);
        page.container.dispatchEvent(new FakeMessageEvent({ data, ports, source, origin: ua.options.origin }));
      });
    });
  }
}

export class FakeClients {
  constructor(
    private readonly ua: UserAgent,
    private readonly worker: WorkerRecord,
  ) {}

  async get(id: string): Promise<FakeWindowClient | undefined> {
    await this.ua.scheduler.nextTask();
    const page = this.ua.clients.find((client) => client.id === id && !client.discarded && !client.cached);
    return page && new FakeWindowClient(this.ua, this.worker, page);
  }

  /**
   * Window clients of the origin: those this worker controls, or all of them (in scope or
   * not) with `includeUncontrolled`. Most recently focused tabs first, then the others in
   * creation order.
   */
  async matchAll({ includeUncontrolled = false, type = 'window' }: ClientQueryOptions = {}): Promise<
    readonly FakeWindowClient[]
  > {
    await this.ua.scheduler.nextTask();
    if (type !== 'window' && type !== 'all') return Object.freeze([]);
    const matched = this.ua.clients.filter(
      (page) => !page.discarded && !page.cached && (includeUncontrolled || page.activeWorker === this.worker),
    );
    const stamp = (page: Page): number => page.tab.focusStamp ?? -1;
    matched.sort((a, b) => stamp(b) - stamp(a));
    return Object.freeze(matched.map((page) => new FakeWindowClient(this.ua, this.worker, page)));
  }

  /** Controls every in-scope client; rejects unless this worker is the active one. */
  claim(): Promise<void> {
    if (this.worker.registration.active !== this.worker) {
      return Promise.reject(new DOMException('Only the active worker can claim clients.', 'InvalidStateError'));
    }
    return claimClients(this.ua, this.worker);
  }
}
