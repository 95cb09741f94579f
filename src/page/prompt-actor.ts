/**
 * The prompt actor: calls the app's `onPrompt` while this tab presents, and the
 * cleanup it returned when this tab stops (XState stops the actor on state exit).
 */
import { fromCallback, type EventObject } from 'xstate';
import type { PromptInput } from '../../machines/lifecycle-effects.js';
import { reportCallbackError } from './report.js';
import type { UpdateCoordinatorOptions } from './types.js';

export function createPromptLogic(
  onPrompt: UpdateCoordinatorOptions['onPrompt'],
  actions: { accept(): void; dismiss(): void },
) {
  return fromCallback<EventObject, PromptInput>(({ input }) => {
    if (onPrompt === undefined) return;
    let cleanup: (() => void) | void = undefined;
    try {
      cleanup = onPrompt({
        version: input.waitingVersion,
        currentVersion: input.version,
        accept: actions.accept,
        dismiss: actions.dismiss,
      });
    } catch (error) {
      reportCallbackError('onPrompt', error);
    }
    return () => {
      try {
        if (typeof cleanup === 'function') cleanup();
      } catch (error) {
        reportCallbackError('the cleanup returned by onPrompt', error);
      }
    };
  });
}
