// @ts-check
/// <reference types="sw-update-coordinator/global" />
// A page script that runs after <script src=".../global.iife.js">: the global is typed.
const { createUpdateCoordinator } = window.swUpdateCoordinator;

const updates = createUpdateCoordinator({
  scriptURL: '/sw.js',
  onError: (error) => console.warn('[updates]', error.message),
});
updates.subscribe(() => {
  document.documentElement.dataset.update = updates.getSnapshot().status;
});
