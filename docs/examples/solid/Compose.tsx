/** @jsxImportSource solid-js */
import { createSignal } from 'solid-js';
import { useHold } from 'sw-update-coordinator/solid';
import { updates } from './updates';

export function Compose(props: { onSend: (text: string) => void }) {
  const [draft, setDraft] = createSignal('');
  // While the draft has text, no tab reloads for an update; sending or clearing releases it.
  useHold(updates, () => draft() !== '', 'unsaved draft');

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        props.onSend(draft());
        setDraft('');
      }}
    >
      <textarea aria-label="Message" value={draft()} onInput={(event) => setDraft(event.currentTarget.value)} />
      <button>Send</button>
    </form>
  );
}
