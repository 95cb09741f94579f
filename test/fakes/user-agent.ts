/**
 * The browser's shared state for one origin: registrations by scope, job queues, live
 * clients (pages), realms, workers, the server and localStorage. The lifecycle
 * algorithms (jobs.ts, install.ts, activation.ts) read and change it.
 */
import type { BroadcastChannelOptions } from 'broadcast-channel';
import { ChannelBus } from './channel.js';
import type { HiddenTimerModel } from './late-timers.js';
import type { Job } from './jobs.js';
import { LockManager } from './locks.js';
import type { Page } from './page.js';
import type { Realm } from './realm.js';
import { RegistrationRecord } from './registration.js';
import { FakeServer } from './server.js';
import type { WorkerRecord } from './service-worker.js';
import { FakeStorage } from './storage.js';
import type { FakeTab } from './tab.js';
import { Scheduler } from './tasks.js';

/** Resolved options of the fake browser; see `FakeBrowserOptions` for the meaning. */
export interface UserAgentOptions {
  readonly origin: string;
  readonly activationDelayMs: number;
  readonly updateResolvesWhen: 'installing' | 'installed';
  readonly activationOrder: 'retireFirst' | 'activateFirst';
  readonly reloadAfterCancel: 'reloads' | 'ignored';
  readonly autoStartMessages: boolean;
  readonly blockStorage: boolean;
  /** Undefined: every page uses the fake's own transport (channel.ts). */
  readonly channelOptions: BroadcastChannelOptions | undefined;
  readonly pollChannelMs: number | undefined;
  readonly webLocks: boolean;
  readonly MessageChannel: typeof MessageChannel | undefined;
  /** Undefined: hidden pages' timers run on time. */
  readonly hiddenTimers: HiddenTimerModel | undefined;
}

export class UserAgent {
  readonly scheduler = new Scheduler();
  /** The broadcast-channel transport of this browser's pages. */
  readonly channels: ChannelBus;
  /** The origin's Web Locks. */
  readonly locks = new LockManager();
  readonly server: FakeServer;
  readonly localStorage = new FakeStorage();
  /** The spec's "scope to registration map". */
  readonly registrations = new Map<string, RegistrationRecord>();
  /** The spec's "scope to job queue map". */
  readonly jobQueues = new Map<string, Job[]>();
  readonly realms = new Set<Realm>();
  /** Live window clients, in creation order. */
  readonly clients: Page[] = [];
  /** Every worker ever created, in creation order. */
  readonly workers: WorkerRecord[] = [];
  readonly tabs: FakeTab[] = [];
  /** The tab with focus, if any. */
  focusedTab: FakeTab | null = null;
  #focusCounter = 0;

  constructor(readonly options: UserAgentOptions) {
    this.server = new FakeServer(options.origin);
    this.channels = new ChannelBus(options.pollChannelMs);
  }

  /** A monotonic focus stamp: matchAll sorts most recently focused first. */
  nextFocusStamp(): number {
    return ++this.#focusCounter;
  }

  /** Spec "Set Registration". */
  setRegistration(scope: string): RegistrationRecord {
    const registration = new RegistrationRecord(scope);
    this.registrations.set(scope, registration);
    return registration;
  }

  removeRegistration(registration: RegistrationRecord): void {
    if (this.registrations.get(registration.scope) === registration) {
      this.registrations.delete(registration.scope);
    }
  }

  /** Spec "Match Service Worker Registration": the longest scope the URL starts with. */
  matchRegistration(url: string): RegistrationRecord | null {
    let match: RegistrationRecord | null = null;
    for (const [scope, registration] of this.registrations) {
      if (url.startsWith(scope) && (match === null || scope.length > match.scope.length)) {
        match = registration;
      }
    }
    return match;
  }

  /** Some client is "using" the registration: it is controlled by one of its workers. */
  isUsing(registration: RegistrationRecord): boolean {
    return this.clients.some((client) => client.activeWorker?.registration === registration);
  }
}
