/** Prompt entry (`sw-update-coordinator/prompt`): re-exports only. Importing it defines `<sw-update-prompt>`. */
export { mountUpdatePrompt, type UpdatePromptOptions } from './mount.js';
export {
  defineUpdatePrompt,
  UPDATE_PROMPT_TAG,
  UpdatePromptElement,
  type UpdatePromptPosition,
} from './element.js';
export { defaultStrings, type UpdatePromptStrings } from './strings.js';
export type { PromptView } from './view.js';
