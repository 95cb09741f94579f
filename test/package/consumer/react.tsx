// `sw-update-coordinator/react` from an ES module, with JSX.
import type { UpdateCoordinator } from 'sw-update-coordinator';
import { useHold, useUpdateCoordinator } from 'sw-update-coordinator/react';

export function UpdateBanner({ updates, dirty }: { updates: UpdateCoordinator; dirty: boolean }) {
  const { isPrompting, waitingVersion } = useUpdateCoordinator(updates);
  useHold(updates, dirty, 'unsaved form');
  if (!isPrompting) return null;
  return (
    <div role="status">
      Version {waitingVersion ?? 'new'} is ready
      <button onClick={() => updates.accept()}>Update</button>
    </div>
  );
}
