import { createUpdateCoordinator } from 'sw-update-coordinator';

export const updates = createUpdateCoordinator({
  scriptURL: '/sw.js',
  onPrompt(prompt) {
    // Runs in one tab at a time: the one the user is looking at.
    const bar = document.createElement('div');
    bar.setAttribute('role', 'status');
    bar.textContent = `Version ${prompt.version ?? 'new'} is ready. `;
    const update = document.createElement('button');
    update.textContent = 'Update';
    update.onclick = () => prompt.accept();
    const later = document.createElement('button');
    later.textContent = 'Later';
    later.onclick = () => prompt.dismiss();
    bar.append(update, later);
    document.body.append(bar);
    // Called when the prompt moves to another tab, and before this tab reloads.
    return () => bar.remove();
  },
  onOfflineReady: () => console.info('Ready to work offline.'),
  onError: (error) => console.warn('[updates]', error.message),
});

// A draft with text in it holds the update: no tab reloads until it is sent or cleared.
const draft = document.querySelector<HTMLTextAreaElement>('#draft');
let release: (() => void) | undefined;
draft?.addEventListener('input', () => {
  if (draft.value !== '' && release === undefined) {
    release = updates.hold('unsaved draft');
  } else if (draft.value === '' && release !== undefined) {
    release();
    release = undefined;
  }
});
