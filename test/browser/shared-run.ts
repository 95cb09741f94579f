/**
 * One engine and one fixture server for every file of a browser project. The project
 * runs its files one after another in one worker (`isolate: false` and no file
 * parallelism, test/vitest.config.ts), so a file need not start its own: Firefox takes
 * about 4 s to start, Chromium and WebKit with the server about 1.5 s, once per file
 * before. Nothing a scenario sees is shared: every app opens a fresh context (its own
 * storage and registrations) and closes it after the test. Both end with the worker:
 * puppeteer ends its browser when the process exits, cleanup.ts ends the WebKit driver
 * and Xvfb, and removes the profiles and, once the worker has gone, the server's directory.
 */
import { startServer, type FixtureServer } from '../fixtures/server.js';
import { removeAfterOwner } from './driver/cleanup.js';
import { launchEngine, type Engine, type EngineName } from './driver/index.js';

export interface Run {
  readonly engine: Engine;
  readonly server: FixtureServer;
}

let running: Promise<Run> | undefined;

/** The run's engine and server, started by the first file that asks. */
export function sharedRun(engine: EngineName): Promise<Run> {
  if (running === undefined) {
    running = start(engine);
    // A start that failed is not kept: the next file tries again, and fails naming why.
    running.catch(() => (running = undefined));
  }
  return running;
}

async function start(name: EngineName): Promise<Run> {
  const server = await startServer();
  removeAfterOwner([server.dir]);
  try {
    return { server, engine: await launchEngine(name) };
  } catch (error) {
    await server.close();
    throw error;
  }
}
