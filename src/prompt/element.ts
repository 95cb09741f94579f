/**
 * `<sw-update-prompt>`: a dependency-free update prompt in Shadow DOM. Give it a
 * coordinator and it follows the snapshot (see view.ts for when it shows); it never
 * moves focus, and its message is a polite live region so the change is announced
 * without interrupting.
 */
import type { UpdateCoordinator } from '../page/types.js';
import { defaultStrings, type UpdatePromptStrings } from './strings.js';
import { styles } from './styles.js';
import { viewOf, type PromptView } from './view.js';

/** The element's tag name. */
export const UPDATE_PROMPT_TAG = 'sw-update-prompt';

/** Where the prompt sits on the screen (logical: `start`/`end` follow the text direction). */
export type UpdatePromptPosition = 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start' | 'bottom-center';

// On a server there is no HTMLElement; the class must still be importable there.
const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

const TEMPLATE =
  `<style>${styles}</style><div part="container">` +
  '<p part="message" role="status" aria-live="polite"></p><div>' +
  '<button part="button update" type="button" hidden></button>' +
  '<button part="button later" type="button" hidden></button></div></div>';

/**
 * After Update, the same (still focused) button turns into "Update anyway". Clicks
 * sooner than this after it appears are ignored, so the second click of a double
 * click, or a held Enter key, cannot force an update past unsaved work. 500 ms is
 * Windows' default double-click time, the longest of the common defaults.
 */
const FORCE_GUARD_MS = 500;

function messageOf(view: PromptView, strings: UpdatePromptStrings): string {
  switch (view.state) {
    case 'available':
      return strings.available(view.version);
    case 'blocked':
      return strings.blocked(view.holds);
    case 'updating':
      return strings.updating;
    default:
      return '';
  }
}

/** Writing identical text into a live region can make screen readers repeat it. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * The `<sw-update-prompt>` element. Attributes: `position` ({@link UpdatePromptPosition},
 * default bottom-end); `state` is set by the element (hidden, available, blocked,
 * updating) for styling. Usually created by `mountUpdatePrompt`. Its `coordinator` and
 * `strings` properties can also be set directly. Importing the entry defines the element;
 * `defineUpdatePrompt()` does the same and is a no-op once it is defined.
 */
export class UpdatePromptElement extends Base {
  private _coordinator: UpdateCoordinator | undefined;
  private _strings: UpdatePromptStrings = defaultStrings;
  private _unsubscribe: (() => void) | undefined;
  private _view: PromptView = { state: 'hidden' };
  /** "Update anyway" was pressed: hide it while this tab still waits for its own holds. */
  private _forced = false;
  /** When "Update anyway" appeared (see FORCE_GUARD_MS). */
  private _blockedAt = 0;
  private readonly _message: HTMLElement;
  private readonly _update: HTMLButtonElement;
  private readonly _later: HTMLButtonElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = TEMPLATE;
    this._message = root.querySelector('p')!;
    [this._update, this._later] = root.querySelectorAll('button') as unknown as [HTMLButtonElement, HTMLButtonElement];
    this._update.onclick = () => this._accept();
    this._later.onclick = () => this._coordinator?.dismiss();
    // A framework may set properties before the element is defined; those own
    // properties would hide the accessors, so move them through the setters.
    const self = this as unknown as Record<string, unknown>;
    for (const key of ['coordinator', 'strings']) {
      if (Object.prototype.hasOwnProperty.call(self, key)) {
        const value = self[key];
        delete self[key];
        self[key] = value;
      }
    }
  }

  /** The coordinator to follow; subscribed while the element is connected. */
  get coordinator(): UpdateCoordinator | undefined {
    return this._coordinator;
  }
  set coordinator(coordinator: UpdateCoordinator | undefined) {
    this._coordinator = coordinator;
    this._view = { state: 'hidden' };
    if (this.isConnected) this.connectedCallback();
  }

  /** The words shown; set a partial object to replace some of {@link defaultStrings}. */
  get strings(): UpdatePromptStrings {
    return this._strings;
  }
  set strings(strings: Partial<UpdatePromptStrings>) {
    this._strings = { ...defaultStrings, ...strings };
    if (this.isConnected) this._render();
  }

  connectedCallback(): void {
    this._unsubscribe?.();
    this._unsubscribe = this._coordinator?.subscribe(() => this._sync());
    this._sync();
  }

  disconnectedCallback(): void {
    this._unsubscribe?.();
    this._unsubscribe = undefined;
  }

  private _sync(): void {
    const snapshot = this._coordinator?.getSnapshot();
    const view: PromptView = snapshot ? viewOf(snapshot, this._view.state !== 'hidden') : { state: 'hidden' };
    if (view.state === 'hidden' || view.state === 'available') this._forced = false;
    if (view.state === 'blocked' && this._view.state !== 'blocked') this._blockedAt = Date.now();
    this._view = view;
    this._render();
  }

  private _accept(): void {
    if (this._view.state !== 'blocked') return this._coordinator?.accept();
    if (Date.now() - this._blockedAt < FORCE_GUARD_MS) return;
    this._forced = true;
    this._coordinator?.accept({ force: true });
    // A tab that holds work itself stays blocked with an unchanged snapshot: no notification.
    this._render();
  }

  private _render(): void {
    const view = this._view;
    const strings = this._strings;
    this.setAttribute('state', view.state);
    setText(this._message, messageOf(view, strings));
    setText(this._update, view.state === 'blocked' ? strings.updateAnyway : strings.update);
    setText(this._later, strings.later);
    this._update.hidden = !(view.state === 'available' || (view.state === 'blocked' && !this._forced));
    this._later.hidden = view.state !== 'available';
  }
}

/** Defines `<sw-update-prompt>` once; a no-op where custom elements are missing (SSR). */
export function defineUpdatePrompt(): void {
  if (typeof customElements !== 'undefined' && !customElements.get(UPDATE_PROMPT_TAG)) {
    customElements.define(UPDATE_PROMPT_TAG, UpdatePromptElement);
  }
}

// Importing the entry defines the element, so plain HTML `<sw-update-prompt>` works;
// package.json lists dist/prompt.js under sideEffects for this reason.
defineUpdatePrompt();

declare global {
  interface HTMLElementTagNameMap {
    'sw-update-prompt': UpdatePromptElement;
  }
}
