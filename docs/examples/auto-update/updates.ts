import { createUpdateCoordinator } from 'sw-update-coordinator';

// 'auto': no prompt. A new version reloads every tab as soon as it is installed, unless
// some tab holds unsaved work: then no tab reloads until every hold is released.
export const updates = createUpdateCoordinator({
  scriptURL: '/sw.js',
  policy: 'auto',
  onError: (error) => console.warn('[updates]', error.message),
});
