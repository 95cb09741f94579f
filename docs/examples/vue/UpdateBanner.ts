import { defineComponent, h, ref } from 'vue';
import { useUpdateCoordinator } from 'sw-update-coordinator/vue';
import { updates } from './updates';

export const UpdateBanner = defineComponent({
  name: 'UpdateBanner',
  setup() {
    const snapshot = useUpdateCoordinator(updates);
    // After "Update", this tab keeps the banner to say what happens next; no other tab shows it.
    const accepted = ref(false);
    const accept = () => {
      accepted.value = true;
      updates.accept();
    };

    return () => {
      const { status, isPrompting, waitingVersion, holds } = snapshot.value;
      if (accepted.value && status === 'blocked') {
        return h('div', { role: 'status' }, [
          `Waiting for ${holds} ${holds === 1 ? 'tab' : 'tabs'} with unsaved changes. `,
          h('button', { onClick: () => updates.accept({ force: true }) }, 'Update anyway'),
        ]);
      }
      if (accepted.value && (status === 'activating' || status === 'reloading')) {
        return h('div', { role: 'status' }, 'Updating…');
      }
      if (!isPrompting) return null;
      return h('div', { role: 'status' }, [
        `Version ${waitingVersion ?? 'new'} is ready. `,
        h('button', { onClick: accept }, 'Update'),
        h('button', { onClick: () => updates.dismiss() }, 'Later'),
      ]);
    };
  },
});
