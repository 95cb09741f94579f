/**
 * The demo's unsaved work: text in the box holds the update in every tab (a reload
 * would lose it). "Save" keeps the text in localStorage (per tab, so it survives this
 * tab's reload and shows again below the box), empties the box and releases the hold;
 * emptying the box by hand releases it too.
 */
import type { UpdateCoordinator } from 'sw-update-coordinator';

interface DraftElements {
  draft: HTMLTextAreaElement;
  save: HTMLButtonElement;
  /** Lists what this tab saved, across its reloads. */
  saved: HTMLElement;
}

export function setUpDraft(updates: UpdateCoordinator, tab: string, { draft, save, saved }: DraftElements): void {
  const key = `demo:saved:${tab}`;
  const read = (): string[] => {
    try {
      const list: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [];
    }
  };
  const render = (): void => {
    const list = read();
    saved.textContent = list.length === 0 ? 'nothing saved yet' : list.join('\n');
  };

  let release: (() => void) | undefined;
  const sync = (): void => {
    const dirty = draft.value !== '';
    if (dirty && release === undefined) release = updates.hold('unsaved text');
    if (!dirty && release !== undefined) {
      release();
      release = undefined;
    }
    save.disabled = !dirty;
  };

  draft.addEventListener('input', sync);
  save.addEventListener('click', () => {
    if (draft.value === '') return;
    localStorage.setItem(key, JSON.stringify([...read(), draft.value]));
    render();
    draft.value = '';
    sync();
  });
  render();
  sync();
}
