/** On a server (no DOM, no customElements) the prompt entry imports and mounts as no-ops. */
import { expect, it } from 'vitest';

it('imports without customElements and mounts as a no-op', async () => {
  expect(typeof globalThis.customElements).toBe('undefined');
  const { mountUpdatePrompt, defineUpdatePrompt } = await import('../../src/prompt/index.js');
  const { createFakeCoordinator } = await import('../bindings/fake-coordinator.js');
  const updates = createFakeCoordinator({ status: 'available', isPrompting: true });
  expect(() => defineUpdatePrompt()).not.toThrow();
  const unmount = mountUpdatePrompt(updates);
  expect(updates.listenerCount()).toBe(0);
  expect(() => unmount()).not.toThrow();
});
