/// <reference types="vite/client" />
import { createUpdateCoordinator } from 'sw-update-coordinator';
import { mountUpdatePrompt } from 'sw-update-coordinator/prompt';

// `vite dev` serves the worker from source, as an ES module; `vite build` writes /sw.js.
const worker = import.meta.env.DEV
  ? { scriptURL: `${import.meta.env.BASE_URL}dev-sw.js?dev-sw`, registration: { type: 'module' } as const }
  : { scriptURL: `${import.meta.env.BASE_URL}sw.js` };

export const updates = createUpdateCoordinator({
  ...worker,
  onError: (error) => console.warn('[updates]', error.message),
});
mountUpdatePrompt(updates);
