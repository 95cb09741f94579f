// Options for workbox-build's generateSW, run by build.ts after the app is built into dist/.
/** @type {import('workbox-build').GenerateSWOptions} */
module.exports = {
  globDirectory: 'dist/',
  globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
  swDest: 'dist/sw.js',
  // The new worker waits until a tab accepts the update; these two must stay false.
  skipWaiting: false,
  clientsClaim: false,
  // The coordinator's worker build, then the file that calls handleUpdates (see build.ts).
  importScripts: ['sw-update-coordinator.js', 'sw-updates.js'],
};
