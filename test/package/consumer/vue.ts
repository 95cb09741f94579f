// `sw-update-coordinator/vue` from an ES module.
import { computed, defineComponent, h, ref } from 'vue';
import type { UpdateCoordinator } from 'sw-update-coordinator';
import { useHold, useUpdateCoordinator } from 'sw-update-coordinator/vue';

export const UpdateBanner = defineComponent({
  props: { updates: { type: Object as () => UpdateCoordinator, required: true } },
  setup(props) {
    const snapshot = useUpdateCoordinator(props.updates);
    const draft = ref('');
    useHold(props.updates, () => draft.value !== '', 'unsaved draft');
    const label = computed(() => `Version ${snapshot.value.waitingVersion ?? 'new'} is ready`);
    return () => (snapshot.value.isPrompting ? h('div', { role: 'status' }, label.value) : null);
  },
});
