/**
 * The prompt's words, replaceable for localisation. Parameterised strings are
 * functions so each language can place the number or version and pluralise itself.
 */

/** Every string `<sw-update-prompt>` shows. */
export interface UpdatePromptStrings {
  /**
   * An update is waiting. `version` is the waiting worker's version, if it reports one.
   * @default `Version ${version} is ready`, or 'A new version is ready'
   */
  available(version: string | undefined): string;
  /** The button that applies the update in every tab. @default 'Update' */
  update: string;
  /** The button that snoozes the prompt in every tab. @default 'Later' */
  later: string;
  /**
   * Accepted, but unsaved work holds the update. `holds` is `snapshot.holds`: the
   * holds across every tab (one per tab in the usual one-editor-per-tab app).
   * @default `Waiting for ${holds} tab(s) with unsaved changes`
   */
  blocked(holds: number): string;
  /** The button that updates while work is still held. @default 'Update anyway' */
  updateAnyway: string;
  /** Applying the update and reloading. @default 'Updating…' */
  updating: string;
}

/** The English defaults. */
export const defaultStrings: UpdatePromptStrings = {
  available: (version) => (version ? `Version ${version} is ready` : 'A new version is ready'),
  update: 'Update',
  later: 'Later',
  blocked: (holds) => `Waiting for ${holds} ${holds === 1 ? 'tab' : 'tabs'} with unsaved changes`,
  updateAnyway: 'Update anyway',
  updating: 'Updating…',
};
