/** The update policies' names: no XState here, so the page shell can check the option. */

/** How the update applies: see machines/policy.ts and the guide. */
export type UpdatePolicy = 'prompt' | 'auto' | 'idle';

export const UPDATE_POLICIES: readonly UpdatePolicy[] = ['prompt', 'auto', 'idle'];
