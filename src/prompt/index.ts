/**
 * The default prompt, `<sw-update-prompt>`, and {@link mountUpdatePrompt}. ESM; importing
 * this entry defines the element.
 *
 * @module sw-update-coordinator/prompt
 */
// Prompt entry: re-exports only.
export { mountUpdatePrompt, type UpdatePromptOptions } from './mount.js';
export { defineUpdatePrompt, UPDATE_PROMPT_TAG, UpdatePromptElement, type UpdatePromptPosition } from './element.js';
export { defaultStrings, type UpdatePromptStrings } from './strings.js';
export type { PromptView } from './view.js';
