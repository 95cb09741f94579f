// A hand-written classic worker. Change VERSION with every release: the browser only
// sees an update when the bytes of sw.js (or of a script it imports) change.
const VERSION = '2.4.0';
const CACHE = `static-${VERSION}`;

// dist/worker-global.iife.js from the package: sets self.swUpdateCoordinator.
importScripts('/vendor/sw-update-coordinator-worker.js');
self.swUpdateCoordinator.handleUpdates({ version: VERSION });

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(['/', '/vendor/sw-update-coordinator.js'])),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => keys.filter((key) => key.startsWith('static-') && key !== CACHE))
      .then((old) => Promise.all(old.map((key) => caches.delete(key)))),
  );
});

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(event.request))
      .then((cached) => cached ?? fetch(event.request)),
  );
});
