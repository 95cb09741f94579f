/** An X server of our own (Xvfb) for the engines that need a display: started on a free display number. */
import { spawn, type ChildProcess } from 'node:child_process';
import { endOnExit, endProcessGroup, reapAfterOwner } from './cleanup.js';

export interface Display {
  /** e.g. ":99" */
  readonly name: string;
  close(): Promise<void>;
}

export async function startXvfb(): Promise<Display> {
  // -displayfd: Xvfb picks a free display itself and writes its number to fd 3.
  const proc: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const forget = endOnExit(proc);
  if (proc.pid !== undefined) reapAfterOwner(proc.pid);
  const name = await new Promise<string>((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb reported no display in 10 s: ${errors}`)), 10_000);
    proc.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    (proc.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${output.trim()}`);
      }
    });
    proc.once('error', (error) => reject(new Error(`Xvfb did not start (apt-get install -y xvfb): ${error.message}`)));
    proc.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${errors}`)));
  });
  return {
    name,
    async close() {
      await endProcessGroup(proc, 'Xvfb');
      forget();
    },
  };
}
