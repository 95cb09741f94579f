/**
 * The demo's live state chart: the committed, generated docs/charts/coordinator.svg
 * (served at /coordinator.svg), inlined into the page, with this tab's active states
 * highlighted as the coordinator's machine moves. The states come from the
 * coordinator's `inspect` option: every `@xstate.snapshot` of the root actor (the
 * lifecycle machine, id `coordinator`) names its state value, which is walked into
 * dotted ids, ancestors included ("coordinator.running.lifecycle.available.presenting"),
 * the same ids the chart puts on each state's `<g data-state="…">`.
 */
import type { InspectionEvent, StateValue } from 'xstate';

/** Every active state id for a state value, ancestors included (parents before children). */
export function activeStateIds(root: string, value: StateValue): string[] {
  const ids = [root];
  const walk = (path: string, node: StateValue): void => {
    if (typeof node === 'string') {
      ids.push(`${path}.${node}`);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      ids.push(`${path}.${key}`);
      if (child !== undefined) walk(`${path}.${key}`, child);
    }
  };
  walk(root, value);
  return ids;
}

/** The active states without descendants of their own (the ones worth naming). */
export function leafIds(ids: readonly string[]): string[] {
  return ids.filter((id) => !ids.some((other) => other.startsWith(`${id}.`)));
}

export interface StateChart {
  /** Pass as the coordinator's `inspect` option. */
  inspect(event: InspectionEvent): void;
}

interface ChartElements {
  /** Holds the inline <svg>; scrolls. */
  box: HTMLElement;
  /** Where the active leaf states are named in words. */
  readout: HTMLElement;
  /** Toggles between the whole chart (fit to width) and a legible zoom that follows the state. */
  zoom: HTMLButtonElement;
}

/** Scale of the "follow" zoom: the chart's 13px titles at about 10px. */
const FOLLOW_SCALE = 0.8;

/** The zoom the user chose last, if storage can tell. */
function readZoom(): string | null {
  try {
    return localStorage.getItem('demo:chart-zoom');
  } catch {
    return null;
  }
}

export function createStateChart({ box, readout, zoom }: ChartElements, url = '/coordinator.svg'): StateChart {
  let active: string[] = [];
  let svg: SVGSVGElement | undefined;
  let groups: SVGGElement[] = [];
  let naturalWidth = 0;
  let follow = readZoom() !== 'fit';
  /** The state last scrolled to, so the box only moves when the state does. */
  let followed: string | undefined;

  function apply(): void {
    const set = new Set(active);
    const leaves = leafIds(active);
    readout.textContent = leaves.map((id) => id.replace(/^coordinator\.(running\.)?/, '')).join('  ·  ') || '…';
    for (const g of groups) {
      const on = set.has(g.dataset.state ?? '');
      g.classList.toggle('active', on);
      g.classList.toggle('active-leaf', on && leaves.includes(g.dataset.state ?? ''));
    }
    if (follow) scrollToCurrent();
  }

  /** Keeps the deepest active lifecycle state (else any leaf) in the middle of the box. */
  function scrollToCurrent(): void {
    const leaves = groups.filter((g) => g.classList.contains('active-leaf'));
    const target = leaves.find((g) => g.dataset.state?.includes('.lifecycle.')) ?? leaves[0];
    if (target === undefined || target.dataset.state === followed) return;
    followed = target.dataset.state;
    const at = target.getBoundingClientRect();
    const frame = box.getBoundingClientRect();
    box.scrollTo({
      left: box.scrollLeft + at.left - frame.left - (frame.width - at.width) / 2,
      top: box.scrollTop + at.top - frame.top - (frame.height - at.height) / 2,
      behavior: 'smooth',
    });
  }

  function layout(): void {
    if (svg === undefined) return;
    // Fit: the whole chart at the box's width. Follow: a fixed, legible scale; the box scrolls.
    svg.style.width = follow ? `${Math.round(naturalWidth * FOLLOW_SCALE)}px` : '100%';
    box.classList.toggle('fit', !follow);
    zoom.textContent = follow ? 'Show the whole chart' : 'Zoom in and follow';
    followed = undefined;
    apply();
  }

  zoom.addEventListener('click', () => {
    follow = !follow;
    try {
      localStorage.setItem('demo:chart-zoom', follow ? 'follow' : 'fit');
    } catch {
      // Storage blocked (?localStorage=blocked): the choice lasts for this page only.
    }
    layout();
  });

  // Events that arrive before the chart is in the page are applied once it is.
  void (async () => {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const doc = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
      const root = doc.documentElement;
      if (!(root instanceof SVGSVGElement)) throw new Error(`${url} is not an SVG document`);
      svg = document.importNode(root, true);
      naturalWidth = svg.viewBox.baseVal.width || Number(svg.getAttribute('width')) || 1000;
      // Sized by CSS from here on (the viewBox keeps the aspect ratio).
      svg.removeAttribute('width');
      svg.removeAttribute('height');
      box.replaceChildren(svg);
      groups = [...svg.querySelectorAll<SVGGElement>('g[data-state]')];
      layout();
    } catch (error) {
      box.textContent = `The state chart could not be loaded (${String(error)}).`;
    }
  })();

  return {
    inspect(event) {
      // Only the root actor, the coordinator's lifecycle machine (its children, such as
      // the presenter and the adapters, report their own snapshots too).
      if (event.type !== '@xstate.snapshot' || event.actorRef.sessionId !== event.rootId) return;
      const snapshot = event.snapshot as { value?: StateValue; machine?: { id?: string } };
      if (snapshot.value === undefined) return;
      const ids = activeStateIds(snapshot.machine?.id ?? 'coordinator', snapshot.value);
      if (ids.join() === active.join()) return;
      active = ids;
      apply();
    },
  };
}
