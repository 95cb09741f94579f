import { defineComponent, h, ref } from 'vue';
import { useHold } from 'sw-update-coordinator/vue';
import { updates } from './updates';

export const Compose = defineComponent({
  name: 'Compose',
  emits: { send: (text: string) => typeof text === 'string' },
  setup(_, { emit }) {
    const draft = ref('');
    // While the draft has text, no tab reloads for an update; sending or clearing releases it.
    useHold(updates, () => draft.value !== '', 'unsaved draft');

    const send = (event: Event) => {
      event.preventDefault();
      emit('send', draft.value);
      draft.value = '';
    };
    return () =>
      h('form', { onSubmit: send }, [
        h('textarea', {
          'aria-label': 'Message',
          value: draft.value,
          onInput: (event: Event) => (draft.value = (event.target as HTMLTextAreaElement).value),
        }),
        h('button', 'Send'),
      ]);
  },
});
