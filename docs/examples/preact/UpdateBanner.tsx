/** @jsxImportSource preact */
import { useState } from 'preact/hooks';
import { useUpdateCoordinator } from 'sw-update-coordinator/preact';
import { updates } from './updates';

export function UpdateBanner() {
  const { status, isPrompting, waitingVersion, holds } = useUpdateCoordinator(updates);
  // After "Update", this tab keeps the banner to say what happens next; no other tab shows it.
  const [accepted, setAccepted] = useState(false);

  if (accepted && status === 'blocked') {
    return (
      <div role="status">
        Waiting for {holds} {holds === 1 ? 'tab' : 'tabs'} with unsaved changes.{' '}
        <button onClick={() => updates.accept({ force: true })}>Update anyway</button>
      </div>
    );
  }
  if (accepted && (status === 'activating' || status === 'reloading')) {
    return <div role="status">Updating…</div>;
  }
  if (!isPrompting) return null;
  return (
    <div role="status">
      Version {waitingVersion ?? 'new'} is ready.{' '}
      <button
        onClick={() => {
          setAccepted(true);
          updates.accept();
        }}
      >
        Update
      </button>
      <button onClick={() => updates.dismiss()}>Later</button>
    </div>
  );
}
