/**
 * Small recorders for assertions: collect the events a target fires, or the data of the
 * messages a page's container receives, from the moment they are attached.
 */
import { FakeMessageEvent } from './events.js';

/** Collects `pick(event)` (default: the event type) for every `type` event on `target`. */
export function record<T = string>(target: EventTarget, type: string, pick?: (event: Event) => T): T[] {
  const seen: T[] = [];
  target.addEventListener(type, (event) => seen.push(pick ? pick(event) : (event.type as T)));
  return seen;
}

/** The data of every worker → page message delivered to `container` from now on. */
export function messagesOf(container: EventTarget): unknown[] {
  return record(container, 'message', (event) => (event instanceof FakeMessageEvent ? event.data : undefined));
}
