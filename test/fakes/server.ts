/**
 * The origin's web server, as far as service-worker scripts go: what is deployed at
 * each script URL, and a log of every script request the browser made.
 */
import type { FakeWorkerScope } from './worker-scope.js';

/** A worker's top-level code: runs each time the worker starts, in a fresh scope. */
export type WorkerScriptBody = (scope: FakeWorkerScope) => void;

/**
 * What a script URL serves. A function is a script; `{ status }` is a response without a
 * script (a non-2xx status fails the update with a TypeError); `{ syntaxError: true }` is
 * a script that does not parse.
 */
export type WorkerScript = WorkerScriptBody | { readonly status: number } | { readonly syntaxError: true };

/** One `deploy()` call. */
export interface Deployment {
  /** Increases with every deploy. */
  readonly id: number;
  /** Absolute script URL, without fragment. */
  readonly url: string;
  /** Shown by inspection helpers, e.g. 'v2'. */
  readonly label: string;
  readonly script: WorkerScript;
}

/**
 * Byte-identity stands in for the spec's byte-for-byte comparison: two deployments have
 * the same bytes when they deploy the same script object. Re-deploying `v1` after `v2`
 * is therefore an update (it differs from the newest worker), as in a real rollback.
 */
export function sameBytes(a: Deployment, b: Deployment): boolean {
  return a.script === b.script;
}

export class FakeServer {
  readonly #deployments = new Map<string, Deployment>();
  readonly #requests: string[] = [];
  #nextId = 1;

  constructor(private readonly origin: string) {}

  /** Every script URL the browser fetched, in order (update checks included). */
  get requests(): readonly string[] {
    return this.#requests;
  }

  deploy(scriptURL: string, script: WorkerScript, label?: string): Deployment {
    const url = new URL(scriptURL, this.origin + '/');
    url.hash = '';
    const id = this.#nextId++;
    const deployment: Deployment = { id, url: url.href, label: label ?? `deploy#${id}`, script };
    this.#deployments.set(url.href, deployment);
    return deployment;
  }

  /** The deployment at `url` (a 404 when nothing was deployed there). */
  fetch(url: string): Deployment {
    this.#requests.push(url);
    return this.#deployments.get(url) ?? { id: 0, url, label: '404', script: { status: 404 } };
  }
}
