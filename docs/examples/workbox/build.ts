// Builds dist/sw.js after the app build: `APP_VERSION=2.4.0 npx tsx build.ts`.
import { copyFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSW, type GenerateSWOptions } from 'workbox-build';

const require = createRequire(import.meta.url);
const config: GenerateSWOptions = require('./workbox-config.cjs');

export async function buildServiceWorker(version: string, options: GenerateSWOptions = config): Promise<void> {
  const outDir = dirname(options.swDest);
  // The classic-script build of the worker side, which sets self.swUpdateCoordinator…
  await copyFile(require.resolve('sw-update-coordinator/worker-global'), join(outDir, 'sw-update-coordinator.js'));
  // …and the call that starts it with this release's version. Both files are precached,
  // so a new version also changes sw.js, and the browser sees the update.
  await writeFile(
    join(outDir, 'sw-updates.js'),
    `self.swUpdateCoordinator.handleUpdates({ version: ${JSON.stringify(version)} });\n`,
  );
  const { count, size, warnings } = await generateSW(options);
  warnings.forEach((warning) => console.warn(warning));
  console.log(`${options.swDest}: precaches ${count} files, ${size} bytes`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServiceWorker(process.env.APP_VERSION ?? process.env.npm_package_version ?? 'dev');
}
