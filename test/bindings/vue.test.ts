// @vitest-environment happy-dom
/**
 * Vue bindings with @vue/test-utils (render functions, no SFC compiler): rendering,
 * an update arriving, accepting from the UI, holds following refs, and cleanup.
 */
import { mount } from '@vue/test-utils';
import { defineComponent, effectScope, h, isReadonly, nextTick, ref, type PropType } from 'vue';
import { describe, expect, it } from 'vitest';
import { useHold, useUpdateCoordinator } from '../../src/bindings/vue.js';
import type { UpdateCoordinator } from '../../src/page/types.js';
import { createFakeCoordinator } from './fake-coordinator.js';

const Banner = defineComponent({
  props: { updates: { type: Object as PropType<UpdateCoordinator>, required: true } },
  setup(props) {
    const snapshot = useUpdateCoordinator(props.updates);
    return () =>
      snapshot.value.isPrompting
        ? h('div', { role: 'status' }, [
            `Version ${snapshot.value.waitingVersion} is ready`,
            h('button', { onClick: () => props.updates.accept() }, 'Update'),
          ])
        : h('p', `status: ${snapshot.value.status}`);
  },
});

describe('useUpdateCoordinator', () => {
  it('passes offlineReady through, and re-renders when the first install finishes', async () => {
    const updates = createFakeCoordinator({ status: 'installing', offlineReady: false });
    const OfflineNote = defineComponent({
      setup() {
        const snapshot = useUpdateCoordinator(updates);
        return () => h('p', snapshot.value.offlineReady ? 'works offline' : 'online only');
      },
    });
    const wrapper = mount(OfflineNote);
    expect(wrapper.text()).toBe('online only');
    updates.set({ status: 'idle', offlineReady: true });
    await nextTick();
    expect(wrapper.text()).toBe('works offline');
    wrapper.unmount();
  });

  it('renders the snapshot and re-renders when an update arrives', async () => {
    const updates = createFakeCoordinator();
    const wrapper = mount(Banner, { props: { updates } });
    expect(wrapper.text()).toBe('status: idle');

    updates.set({ status: 'available', isPrompting: true, waitingVersion: '2.4' });
    await nextTick();
    expect(wrapper.get('[role=status]').text()).toBe('Version 2.4 is readyUpdate');
    wrapper.unmount();
  });

  it('lets the UI accept through the coordinator', async () => {
    const updates = createFakeCoordinator({ status: 'available', isPrompting: true, waitingVersion: '2.4' });
    const wrapper = mount(Banner, { props: { updates } });
    await wrapper.get('button').trigger('click');
    expect(updates.calls.accept).toEqual([undefined]);
    wrapper.unmount();
  });

  it('unsubscribes on unmount', () => {
    const updates = createFakeCoordinator();
    const wrapper = mount(Banner, { props: { updates } });
    expect(updates.listenerCount()).toBe(1);
    wrapper.unmount();
    expect(updates.listenerCount()).toBe(0);
  });

  it('returns a read-only ref holding the very snapshot object, and works in any effect scope', () => {
    const updates = createFakeCoordinator();
    const scope = effectScope();
    const snapshot = scope.run(() => useUpdateCoordinator(updates))!;
    expect(isReadonly(snapshot)).toBe(true);
    updates.set({ status: 'installing' });
    expect(snapshot.value).toBe(updates.getSnapshot());
    scope.stop();
    expect(updates.listenerCount()).toBe(0);
  });
});

describe('useHold', () => {
  const Editor = defineComponent({
    props: { updates: { type: Object as PropType<UpdateCoordinator>, required: true } },
    setup(props) {
      const dirty = ref(false);
      useHold(props.updates, dirty, 'draft');
      return () => h('button', { onClick: () => (dirty.value = !dirty.value) }, dirty.value ? 'save' : 'edit');
    },
  });

  it('holds while the ref is true, releases when false and on unmount', async () => {
    const updates = createFakeCoordinator();
    const wrapper = mount(Editor, { props: { updates } });
    expect(updates.activeHolds()).toBe(0);

    await wrapper.get('button').trigger('click');
    expect(updates.activeHolds()).toBe(1);
    expect(updates.calls.hold).toEqual(['draft']);
    await wrapper.get('button').trigger('click');
    expect(updates.activeHolds()).toBe(0);

    await wrapper.get('button').trigger('click');
    wrapper.unmount();
    expect(updates.activeHolds()).toBe(0);
    expect(updates.calls.release).toBe(2);
  });

  it('keeps one hold while the getter stays true, whatever it reads changes', async () => {
    const updates = createFakeCoordinator();
    const draft = ref('');
    const scope = effectScope();
    scope.run(() => useHold(updates, () => draft.value !== '', 'draft'));
    draft.value = 'H';
    await nextTick();
    draft.value = 'Hello';
    await nextTick();
    expect(updates.calls.hold).toEqual(['draft']);
    expect(updates.calls.release).toBe(0);
    draft.value = '';
    await nextTick();
    expect(updates.activeHolds()).toBe(0);
    scope.stop();
  });

  it('takes the hold again when a reactive reason changes', async () => {
    const updates = createFakeCoordinator();
    const reason = ref('draft');
    const scope = effectScope();
    scope.run(() => useHold(updates, () => true, reason));
    expect(updates.calls.hold).toEqual(['draft']);
    reason.value = 'upload';
    await nextTick();
    expect(updates.calls.hold).toEqual(['draft', 'upload']);
    expect(updates.activeHolds()).toBe(1);
    scope.stop();
    expect(updates.activeHolds()).toBe(0);
  });
});
