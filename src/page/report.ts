/**
 * Errors thrown by the app's own callbacks: reported like an event listener's
 * error would be, and never allowed to break the coordinator.
 */
export function reportCallbackError(callback: string, error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  const wrapped = new Error(`sw-update-coordinator: ${callback} threw`, { cause: error });
  if (typeof report === 'function') report(wrapped);
  else console.error(wrapped);
}

/** Calls an app callback, reporting (not propagating) what it throws. */
export function callSafely<A extends unknown[]>(
  name: string,
  callback: ((...args: A) => unknown) | undefined,
  ...args: A
): void {
  if (callback === undefined) return;
  try {
    callback(...args);
  } catch (error) {
    reportCallbackError(name, error);
  }
}
