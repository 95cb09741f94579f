import { createUpdateCoordinator } from 'sw-update-coordinator';
import { showRefreshBar } from '../refresh-bar';

// Was: const wb = new Workbox('/sw.js'); … wb.register();
export const updates = createUpdateCoordinator({
  scriptURL: '/sw.js',
  // Was: wb.addEventListener('waiting', …) in every tab, then wb.messageSkipWaiting() and
  // a reload on 'controlling' in that tab alone. Now one tab asks, and every tab reloads.
  onPrompt: (prompt) => showRefreshBar(`Version ${prompt.version ?? 'new'} is ready.`, prompt.accept, prompt.dismiss),
});

// Was: const registration = await wb.register(), for push and background sync.
export const registration = updates.getRegistration();

// Was: wb.addEventListener('redundant', …) for a new worker that failed to install.
updates.on('update-failed', ({ error }) => {
  if (error.code === 'install-failed') console.error('[updates] the new version failed to install', error);
});

// Was: wb.update() from a button (and from a timer in every tab: now `checkInterval`).
document.querySelector('#check-for-update')?.addEventListener('click', () => {
  void updates.checkForUpdate().then((found) => console.info(found ? '[updates] found one' : '[updates] up to date'));
});
