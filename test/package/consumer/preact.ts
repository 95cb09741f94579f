// `sw-update-coordinator/preact` from an ES module (the binding is ESM-only; no JSX:
// the consumer compiles React's).
import { h, type VNode } from 'preact';
import type { UpdateCoordinator } from 'sw-update-coordinator';
import { useHold, useUpdateCoordinator } from 'sw-update-coordinator/preact';

export function UpdateBanner({ updates, dirty }: { updates: UpdateCoordinator; dirty: boolean }): VNode | null {
  const { isPrompting, waitingVersion } = useUpdateCoordinator(updates);
  useHold(updates, dirty, 'unsaved form');
  if (!isPrompting) return null;
  return h(
    'div',
    { role: 'status' },
    `Version ${waitingVersion ?? 'new'} is ready`,
    h('button', { onClick: () => updates.accept() }, 'Update'),
  );
}
