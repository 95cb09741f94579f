/** @jsxImportSource solid-js */
import { createSignal, Match, Switch } from 'solid-js';
import { useUpdateCoordinator } from 'sw-update-coordinator/solid';
import { updates } from './updates';

export function UpdateBanner() {
  const snapshot = useUpdateCoordinator(updates);
  // After "Update", this tab keeps the banner to say what happens next; no other tab shows it.
  const [accepted, setAccepted] = createSignal(false);
  const holds = () => snapshot().holds;

  return (
    <Switch>
      <Match when={accepted() && snapshot().status === 'blocked'}>
        <div role="status">
          Waiting for {holds()} {holds() === 1 ? 'tab' : 'tabs'} with unsaved changes.{' '}
          <button onClick={() => updates.accept({ force: true })}>Update anyway</button>
        </div>
      </Match>
      <Match when={accepted() && (snapshot().status === 'activating' || snapshot().status === 'reloading')}>
        <div role="status">Updating…</div>
      </Match>
      <Match when={snapshot().isPrompting}>
        <div role="status">
          Version {snapshot().waitingVersion ?? 'new'} is ready.{' '}
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
      </Match>
    </Switch>
  );
}
