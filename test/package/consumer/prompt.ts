// `sw-update-coordinator/prompt` from an ES module.
import type { UpdateCoordinator } from 'sw-update-coordinator';
import { mountUpdatePrompt, UPDATE_PROMPT_TAG, UpdatePromptElement } from 'sw-update-coordinator/prompt';

export function showPrompt(updates: UpdateCoordinator): () => void {
  const element = document.querySelector(UPDATE_PROMPT_TAG);
  if (element instanceof UpdatePromptElement) element.remove();
  return mountUpdatePrompt(updates, { position: 'top-end', strings: { update: 'Reload' } });
}
