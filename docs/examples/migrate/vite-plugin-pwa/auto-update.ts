import { createUpdateCoordinator } from 'sw-update-coordinator';

// Was: VitePWA({ registerType: 'autoUpdate' }) and registerSW({ immediate: true }):
// every tab reloaded as soon as the new worker took over, with whatever was typed in it.
export const updates = createUpdateCoordinator({ scriptURL: '/sw.js', policy: 'auto' });

// Now a draft holds the update in every tab until it is sent or cleared.
const draft = document.querySelector<HTMLTextAreaElement>('#draft');
let release: (() => void) | undefined;
draft?.addEventListener('input', () => {
  if (draft.value !== '') release ??= updates.hold('unsaved draft');
  else {
    release?.();
    release = undefined;
  }
});
