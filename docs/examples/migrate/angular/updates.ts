import { createUpdateCoordinator } from 'sw-update-coordinator';

// Was: SwUpdate, injected where needed. The coordinator is created once, at start-up
// (in an Angular app: an `@Injectable({ providedIn: 'root' })` service that holds it).
export const updates = createUpdateCoordinator({ scriptURL: '/sw.js' });

// Was: versionUpdates, VERSION_DETECTED.
updates.on('update-found', () => console.info('[updates] downloading a new version'));
// Was: versionUpdates, VERSION_READY (currentVersion, latestVersion), in every tab.
updates.on('update-ready', ({ currentVersion, version }) =>
  console.info(`[updates] ${version ?? 'a new version'} is ready (running ${currentVersion ?? 'unknown'})`),
);
// Was: versionUpdates, VERSION_INSTALLATION_FAILED.
updates.on('update-failed', ({ error }) => console.warn(`[updates] ${error.code}: ${error.message}`));
// New: the page that loaded after the update's reload.
updates.on('update-applied', ({ previousVersion, version }) =>
  console.info(`[updates] updated from ${previousVersion ?? 'unknown'} to ${version ?? 'unknown'}`),
);

// Was: await swUpdate.activateUpdate(); document.location.reload(); in this tab only.
export function applyUpdate(): void {
  updates.accept();
}
