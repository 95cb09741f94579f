import { updates } from './updates';

/**
 * Holds the update while `field` has text that `save` has not stored yet: typing takes
 * the hold, a save of what is in the field releases it. A failed save keeps it.
 * Returns a function that stops watching (and releases).
 */
export function guardDraft(field: HTMLTextAreaElement, save: (text: string) => Promise<void>): () => void {
  let release: (() => void) | undefined;
  const settle = (): void => {
    release?.();
    release = undefined;
  };
  const onInput = (): void => {
    release ??= updates.hold('unsaved draft');
  };
  const onChange = (): void => {
    const text = field.value;
    save(text).then(
      () => {
        // Typed on while saving: that text is not saved yet.
        if (field.value === text) settle();
      },
      () => {
        // Still unsaved: keep holding, the next change tries again.
      },
    );
  };
  field.addEventListener('input', onInput);
  field.addEventListener('change', onChange);
  return () => {
    field.removeEventListener('input', onInput);
    field.removeEventListener('change', onChange);
    settle();
  };
}
