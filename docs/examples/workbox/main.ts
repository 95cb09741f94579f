import { createUpdateCoordinator } from 'sw-update-coordinator';
import { mountUpdatePrompt } from 'sw-update-coordinator/prompt';

const updates = createUpdateCoordinator({
  scriptURL: '/sw.js',
  onError: (error) => console.warn('[updates]', error.message),
});

// The ready-made <sw-update-prompt>: shown in one tab, with Update and Later.
mountUpdatePrompt(updates);
