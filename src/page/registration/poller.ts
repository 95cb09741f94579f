/**
 * The leader's update-check timer. Invoked only in the `leader` role, so one tab
 * checks per interval however many are open (workbox #2130: long-lived tabs never
 * check unless something calls update()).
 */
import { fromCallback, type EventObject } from 'xstate';
import type { PollerInput } from '../../../machines/lifecycle-effects.js';

export const pollerLogic = fromCallback<EventObject, PollerInput>(({ input, sendBack }) => {
  if (!(input.interval > 0) || !Number.isFinite(input.interval)) return;
  const timer = setInterval(() => sendBack({ type: 'CHECK_DUE' }), input.interval);
  return () => clearInterval(timer);
});
