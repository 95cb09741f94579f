// Stands in for the `unload` package: broadcast-channel's elector calls it to register an
// `unload` listener, which keeps the page out of the back/forward cache. The coordinator
// leaves the group on pagehide instead, so these can do nothing.
export const add = () => ({ remove: () => false, run: () => {} });
export const runAll = () => Promise.resolve([]);
export const removeAll = () => {};
export const getSize = () => 0;
