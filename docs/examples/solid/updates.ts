import { createUpdateCoordinator } from 'sw-update-coordinator';

// One coordinator per page, created when the app starts; components read its snapshot.
export const updates = createUpdateCoordinator({
  scriptURL: '/sw.js',
  onError: (error) => console.warn('[updates]', error.message),
});
