// @vitest-environment happy-dom
/**
 * Svelte bindings: the store through svelte/store's own `get` and `subscribe`, and a
 * real Svelte 5 component using `$store`. There is no Svelte Vite plugin here, so the
 * component is compiled with svelte/compiler at test time; and since the unit project
 * resolves `svelte` to its server build, `mount` comes from the client entry by path.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'svelte/compiler';
import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import { updateStore } from '../../src/bindings/svelte.js';
import type { CoordinatorSnapshot } from '../../src/page/types.js';
import { createFakeCoordinator } from './fake-coordinator.js';

describe('updateStore', () => {
  it('passes offlineReady through when the first install finishes', () => {
    const updates = createFakeCoordinator({ status: 'installing', offlineReady: false });
    const store = updateStore(updates);
    const seen: boolean[] = [];
    const unsubscribe = store.subscribe((snapshot) => seen.push(snapshot.offlineReady));
    updates.set({ status: 'idle', offlineReady: true });
    unsubscribe();
    expect(seen).toEqual([false, true]);
    expect(get(store).offlineReady).toBe(true);
  });

  it('get() reads the current snapshot and leaves no subscription behind', () => {
    const updates = createFakeCoordinator();
    const store = updateStore(updates);
    expect(get(store)).toBe(updates.getSnapshot());
    expect(updates.listenerCount()).toBe(0);
  });

  it('subscribers see the current snapshot, then every change, until they unsubscribe', () => {
    const updates = createFakeCoordinator();
    const store = updateStore(updates);
    const seen: CoordinatorSnapshot[] = [];
    const unsubscribe = store.subscribe((snapshot) => seen.push(snapshot));
    expect(updates.listenerCount()).toBe(1);

    updates.set({ status: 'available', isPrompting: true, waitingVersion: '2.4' });
    expect(seen.map((s) => s.status)).toEqual(['idle', 'available']);
    expect(seen.at(-1)).toBe(updates.getSnapshot());

    unsubscribe();
    expect(updates.listenerCount()).toBe(0);
  });

  it('shares one coordinator subscription and catches up on changes made while unsubscribed', () => {
    const updates = createFakeCoordinator();
    const store = updateStore(updates);
    const stop = [store.subscribe(() => {}), store.subscribe(() => {})];
    expect(updates.listenerCount()).toBe(1);
    stop.forEach((unsubscribe) => unsubscribe());

    updates.set({ status: 'installing' });
    expect(get(store).status).toBe('installing');
  });
});

describe('a Svelte 5 component using the store', () => {
  // Paths as strings: in happy-dom, `URL` is the DOM's, which node:fs does not accept.
  const here = dirname(fileURLToPath(import.meta.url));

  async function compileBanner() {
    const source = readFileSync(join(here, 'UpdateBanner.svelte'), 'utf8');
    const { js } = compile(source, { filename: 'UpdateBanner.svelte', generate: 'client' });
    // Written inside the project so its `svelte/internal/client` import resolves.
    const dir = join(here, '../../test-results/svelte');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'UpdateBanner.js'), js.code);
    const client = join(here, '../../node_modules/svelte/src/index-client.js');
    const [component, svelte] = await Promise.all([
      import(/* @vite-ignore */ join(dir, 'UpdateBanner.js')),
      import(/* @vite-ignore */ client) as Promise<typeof import('svelte')>,
    ]);
    return { Banner: component.default, svelte };
  }

  it('renders, updates when an update arrives, accepts, and unsubscribes on unmount', async () => {
    const { Banner, svelte } = await compileBanner();
    const updates = createFakeCoordinator();
    const target = document.createElement('div');
    document.body.append(target);

    const banner = svelte.mount(Banner, { target, props: { updates, store: updateStore(updates) } });
    expect(target.textContent!.trim()).toBe('status: idle');
    expect(updates.listenerCount()).toBe(1);

    updates.set({ status: 'available', isPrompting: true, waitingVersion: '2.4' });
    svelte.flushSync();
    expect(target.querySelector('[role=status]')!.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Version 2.4 is ready Update',
    );

    target.querySelector('button')!.click();
    expect(updates.calls.accept).toEqual([undefined]);

    await svelte.unmount(banner);
    expect(updates.listenerCount()).toBe(0);
    expect(target.textContent).toBe('');
  });
});
