/**
 * `navigator.serviceWorker` of one page: register (Start Register), controller,
 * controllerchange, ready, and the client message queue that holds worker → page
 * messages until it is started.
 */
import type { ContainerLike } from '../../src/page/environment.js';
import type { FakeMessageEvent } from './events.js';
import { scheduleJob } from './jobs.js';
import type { Page } from './page.js';
import type { FakeServiceWorkerRegistration, RegistrationRecord } from './registration.js';
import type { FakeServiceWorker, WorkerRecord } from './service-worker.js';

export class FakeServiceWorkerContainer extends EventTarget implements ContainerLike {
  #controller: WorkerRecord | null;
  #messagesEnabled = false;
  #queuedMessages: Array<() => void> = [];
  #onmessage: ((event: FakeMessageEvent) => void) | null = null;
  #readySettled = false;
  #resolveReady: (registration: FakeServiceWorkerRegistration) => void = () => {};
  readonly #ready = new Promise<FakeServiceWorkerRegistration>((resolve) => (this.#resolveReady = resolve));

  /** @internal One per page; the page's controller is fixed at navigation. */
  constructor(private readonly page: Page) {
    super();
    this.#controller = page.activeWorker;
  }

  get controller(): FakeServiceWorker | null {
    return this.#controller && this.page.realm.serviceWorker(this.#controller);
  }

  /** Resolves once a registration matching this page has an active worker. Never rejects. */
  get ready(): Promise<FakeServiceWorkerRegistration> {
    const registration = this.page.realm.ua.matchRegistration(this.page.url);
    if (!this.#readySettled && registration?.active) {
      this.page.realm.queueTask(() => this.resolveReady(registration));
    }
    return this.#ready;
  }

  /** Spec Start Register: URL checks here, the rest in the job (jobs.ts). */
  register(scriptURL: string | URL, options: RegistrationOptions = {}): Promise<FakeServiceWorkerRegistration> {
    const { page } = this;
    return new Promise((resolve, reject) => {
      if (page.crashed) return; // a dead script's call never settles
      let script: URL;
      let scope: URL;
      try {
        script = new URL(String(scriptURL), page.url);
        scope = options.scope === undefined ? new URL('./', script) : new URL(options.scope, page.url);
      } catch {
        return reject(new TypeError('Failed to register a ServiceWorker: invalid script or scope URL.'));
      }
      for (const url of [script, scope]) {
        url.hash = '';
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
          return reject(new TypeError(`Failed to register a ServiceWorker: unsupported scheme ${url.protocol}`));
        }
        if (/%2f|%5c/i.test(url.pathname)) {
          return reject(new TypeError('Failed to register a ServiceWorker: escaped slash in the path.'));
        }
      }
      const job = {
        type: 'register',
        scope: scope.href,
        scriptURL: script.href,
        client: page.realm,
        resolve,
        reject,
      } as const;
      scheduleJob(page.realm.ua, job);
    });
  }

  /** The registration whose scope matches `clientURL` (default: this page's URL). */
  async getRegistration(clientURL = ''): Promise<FakeServiceWorkerRegistration | undefined> {
    const { realm, url } = this.page;
    const registration = realm.ua.matchRegistration(new URL(clientURL, url).href);
    await realm.ua.scheduler.nextTask();
    return registration === null ? undefined : realm.registration(registration);
  }

  async getRegistrations(): Promise<readonly FakeServiceWorkerRegistration[]> {
    const { realm } = this.page;
    const registrations = [...realm.ua.registrations.values()];
    await realm.ua.scheduler.nextTask();
    return Object.freeze(registrations.map((registration) => realm.registration(registration)));
  }

  /** Enables the client message queue: queued worker messages are delivered, in order. */
  startMessages(): void {
    if (this.#messagesEnabled) return;
    this.#messagesEnabled = true;
    const queued = this.#queuedMessages;
    this.#queuedMessages = [];
    queued.forEach((task) => this.page.realm.queueTask(task));
  }

  get onmessage(): ((event: FakeMessageEvent) => void) | null {
    return this.#onmessage;
  }

  /** Setting `onmessage` starts the message queue, as the spec says. */
  set onmessage(handler: ((event: FakeMessageEvent) => void) | null) {
    if (this.#onmessage !== null) this.removeEventListener('message', this.#onmessage as EventListener);
    this.#onmessage = handler;
    if (handler !== null) this.addEventListener('message', handler as EventListener);
    this.startMessages();
  }

  /** @internal A Client.postMessage task: held until the queue is enabled. */
  enqueueClientMessage(task: () => void): void {
    if (this.#messagesEnabled) this.page.realm.queueTask(task);
    else this.#queuedMessages.push(task);
  }

  /** @internal The Notify Controller Change task. */
  changeController(worker: WorkerRecord | null): void {
    this.#controller = worker;
    this.dispatchEvent(new Event('controllerchange'));
  }

  /** @internal */
  resolveReady(registration: RegistrationRecord): void {
    if (this.#readySettled) return;
    this.#readySettled = true;
    this.#resolveReady(this.page.realm.registration(registration));
  }
}
