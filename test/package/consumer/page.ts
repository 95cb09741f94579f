// `sw-update-coordinator` from an ES module.
import { createUpdateCoordinator, type CoordinatorSnapshot, type UpdateCoordinator } from 'sw-update-coordinator';

export const updates: UpdateCoordinator = createUpdateCoordinator({
  scriptURL: '/sw.js',
  registration: { scope: '/' },
  checkInterval: 60 * 60 * 1000,
  onPrompt(prompt) {
    const button = document.createElement('button');
    button.textContent = `Update to ${prompt.version ?? 'the new version'}`;
    button.onclick = () => prompt.accept();
    document.body.append(button);
    return () => button.remove();
  },
  onError: (error) => console.warn(error.message),
});

const status: CoordinatorSnapshot['status'] = updates.getSnapshot().status;
const release: () => void = updates.hold('unsaved draft');
export const ready: Promise<boolean> = updates.checkForUpdate().then((found) => found && status !== 'failed');
release();
