/**
 * The engine the browser suite runs in: this vitest project's (`browser:chromium`,
 * `browser:firefox`, `browser:webkit`; ENGINE in the environment).
 */
import { engineOfRun, type EngineName } from '../driver/index.js';

/** The engine of this run. */
export const ENGINE: EngineName = engineOfRun();
