import { createUpdateCoordinator } from 'sw-update-coordinator';
import { showRefreshBar } from '../refresh-bar';

// Was: const updateSW = registerSW({ onNeedRefresh, onOfflineReady, onRegisteredSW, onRegisterError })
export const updates = createUpdateCoordinator({
  scriptURL: '/sw.js',
  // Was: setInterval(() => registration.update(), HOUR) in onRegisteredSW, in every tab.
  checkInterval: 60 * 60 * 1000,
  // Was: onNeedRefresh() in every tab, and updateSW() from its bar (that tab alone reloaded).
  onPrompt: (prompt) => showRefreshBar(`Version ${prompt.version ?? 'new'} is ready.`, prompt.accept, prompt.dismiss),
  // Was: onOfflineReady(), in every tab that saw the install.
  onOfflineReady: () => showRefreshBar('Ready to work offline.', () => {}, () => {}),
  // Was: onRegisteredSW(swUrl, registration).
  onRegistered: (registration) => console.info('[updates] registered for', registration.scope),
  // Was: onRegisterError(error); now also failed checks and installs, each with a code.
  onError: (error) => console.warn(`[updates] ${error.code}: ${error.message}`),
});
