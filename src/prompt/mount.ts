/** mountUpdatePrompt: one call from a coordinator to a working, accessible prompt. */
import type { UpdateCoordinator } from '../page/types.js';
import {
  defineUpdatePrompt,
  UPDATE_PROMPT_TAG,
  type UpdatePromptElement,
  type UpdatePromptPosition,
} from './element.js';
import type { UpdatePromptStrings } from './strings.js';

/** Options of {@link mountUpdatePrompt}. */
export interface UpdatePromptOptions {
  /**
   * Where the element is appended. It is `position: fixed`, so the parent only
   * matters for inherited custom properties and the text direction.
   * @default document.body
   */
  container?: ParentNode;
  /**
   * Corner (or bottom centre) of the viewport; `start`/`end` follow the text direction.
   * @default 'bottom-end'
   */
  position?: UpdatePromptPosition;
  /**
   * Replacements for some or all of the English strings.
   * @default defaultStrings
   */
  strings?: Partial<UpdatePromptStrings>;
}

/**
 * Shows `<sw-update-prompt>` for `coordinator`: visible only in the tab that presents
 * the update, with Update / Later buttons, then "Waiting for…" while unsaved work
 * holds it (with "Update anyway") and "Updating…" until the reload. Returns `unmount`,
 * which unsubscribes and removes the element. On a server it does nothing.
 *
 * @example
 * ```ts
 * import { createUpdateCoordinator } from 'sw-update-coordinator';
 * import { mountUpdatePrompt } from 'sw-update-coordinator/prompt';
 *
 * const updates = createUpdateCoordinator({ scriptURL: '/sw.js' });
 * const unmount = mountUpdatePrompt(updates, {
 *   position: 'bottom-center',
 *   strings: { available: (v) => (v ? `Version ${v} ist bereit` : 'Neue Version bereit'), update: 'Aktualisieren' },
 * });
 * ```
 */
export function mountUpdatePrompt(
  coordinator: UpdateCoordinator,
  { container, position = 'bottom-end', strings = {} }: UpdatePromptOptions = {},
): () => void {
  if (typeof document === 'undefined') return () => {};
  defineUpdatePrompt();
  const element = document.createElement(UPDATE_PROMPT_TAG) as UpdatePromptElement;
  element.setAttribute('position', position);
  element.strings = strings;
  element.coordinator = coordinator;
  (container ?? document.body).append(element);
  return () => element.remove();
}
