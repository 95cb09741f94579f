// `sw-update-coordinator/solid` from an ES module (no JSX: the consumer compiles React's).
import { createMemo, createSignal, type Accessor } from 'solid-js';
import type { UpdateCoordinator } from 'sw-update-coordinator';
import { useHold, useUpdateCoordinator } from 'sw-update-coordinator/solid';

export function usePromptLabel(updates: UpdateCoordinator): Accessor<string | undefined> {
  const snapshot = useUpdateCoordinator(updates);
  const [draft] = createSignal('');
  useHold(updates, () => draft() !== '', 'unsaved draft');
  return createMemo(() =>
    snapshot().isPrompting ? `Version ${snapshot().waitingVersion ?? 'new'} is ready` : undefined,
  );
}
