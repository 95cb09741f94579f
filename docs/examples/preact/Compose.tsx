/** @jsxImportSource preact */
import { useState } from 'preact/hooks';
import { useHold } from 'sw-update-coordinator/preact';
import { updates } from './updates';

export function Compose({ onSend }: { onSend: (text: string) => void }) {
  const [draft, setDraft] = useState('');
  // While the draft has text, no tab reloads for an update; sending or clearing releases it.
  useHold(updates, draft !== '', 'unsaved draft');

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSend(draft);
        setDraft('');
      }}
    >
      <textarea aria-label="Message" value={draft} onInput={(event) => setDraft(event.currentTarget.value)} />
      <button>Send</button>
    </form>
  );
}
