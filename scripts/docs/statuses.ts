/**
 * The status tables in the docs, generated from the one list of statuses
 * (machines/statuses.ts): docs/guide.md ("Statuses": meaning, when each begins and
 * ends) and the TSDoc of `CoordinatorStatus` in src/page/types.ts (meaning), each
 * between two marker lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COORDINATOR_STATUSES } from '../../machines/statuses.js';
import type { CoordinatorStatus } from '../../src/page/types.js';
import type { GeneratedFile } from './outputs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const GUIDE_PATH = 'docs/guide.md';
export const TYPES_PATH = 'src/page/types.ts';
export const TABLE_START = '<!-- statuses: generated from machines/statuses.ts by `npm run docs` -->';
export const TABLE_END = '<!-- end of statuses -->';

/**
 * When each status begins and ends, for the guide. Keyed by the list, so the compiler
 * rejects a status missing here or one that is not in the list.
 */
const SPANS: Record<CoordinatorStatus, { readonly begins: string; readonly ends: string }> = {
  unsupported: {
    begins:
      'at creation, where there is no service worker (insecure context, no `navigator.serviceWorker`, server rendering)',
    ends: 'never; every method is a no-op',
  },
  registering: { begins: 'at creation', ends: '`register()` resolved (→ `idle`) or failed (→ `failed`)' },
  idle: {
    begins: 'registered, or an install failed, or a reload was refused',
    ends: 'a newer worker installs (→ `installing`) or is found waiting (→ `available` / `snoozed`)',
  },
  installing: {
    begins: '`updatefound`, or a worker was already installing at load',
    ends: 'it is installed and waiting (→ `available` / `snoozed`), failed (→ `idle`, with `error`), or it was the first install (→ `idle`, `onOfflineReady`)',
  },
  available: {
    begins: 'a newer worker is waiting and no snooze covers its version',
    ends: 'accepted (→ `blocked` / `activating`) or dismissed (→ `snoozed`) in any tab',
  },
  snoozed: {
    begins: 'a tab dismissed this version, now or in an earlier page load',
    ends: 'the snooze ends (→ `available`), a different version starts waiting (→ `available`), or a tab accepts',
  },
  blocked: {
    begins:
      'accepted (by a user, or by the [policy](#update-policies)) while some tab holds unsaved work; or the update was applied while this tab still holds',
    ends: 'the last hold in the group is released (→ `activating`), or someone forces the update; a tab that holds reloads when it releases',
  },
  activating: {
    begins: "accepted with no holds (or forced); under `'auto'`, a newer worker is waiting and nothing is held",
    ends: 'the new worker takes over (→ `reloading`), or it has not within `activateTimeout` (10 s): → `available`, with `error`',
  },
  reloading: {
    begins: 'this tab calls `location.reload()`',
    ends: 'the page unloads; if the [reload guard](#the-reload) refuses, → `idle` with `error`',
  },
  failed: {
    begins:
      "registration failed, or the core's chunk could not be loaded ([the shell and the core](#the-shell-and-the-core))",
    ends: 'never in this page load',
  },
};

const statuses = Object.keys(COORDINATOR_STATUSES) as CoordinatorStatus[];

/** The guide's table: status, meaning, when it begins, when it ends. */
export function guideTable(): string[] {
  return [
    '| status | meaning | begins when | ends when |',
    '|---|---|---|---|',
    ...statuses.map((s) => `| \`${s}\` | ${COORDINATOR_STATUSES[s].meaning} | ${SPANS[s].begins} | ${SPANS[s].ends} |`),
  ];
}

/** The TSDoc table of `CoordinatorStatus`: status and meaning. */
export function tsdocTable(): string[] {
  return [
    '| status | meaning |',
    '|---|---|',
    ...statuses.map((s) => `| \`${s}\` | ${COORDINATOR_STATUSES[s].meaning} |`),
  ];
}

/** `text` with the lines between the markers replaced by `table`, each line given `prefix`. */
function fill(path: string, text: string, table: readonly string[], prefix: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line === prefix + TABLE_START);
  const end = lines.findIndex((line, i) => i > start && line === prefix + TABLE_END);
  if (start < 0 || end < 0) {
    throw new Error(
      `${path}: the status table's markers are missing; put "${prefix}${TABLE_START}" and "${prefix}${TABLE_END}" on lines of their own where the table goes`,
    );
  }
  const body = table.map((line) => `${prefix}${line}`.trimEnd());
  return [...lines.slice(0, start + 1), ...body, ...lines.slice(end)].join('\n');
}

/** docs/guide.md and src/page/types.ts with their status tables filled from the list. */
export function statusTableFiles(): GeneratedFile[] {
  const read = (path: string): string => readFileSync(join(root, path), 'utf8');
  return [
    { path: GUIDE_PATH, content: fill(GUIDE_PATH, read(GUIDE_PATH), guideTable(), '') },
    { path: TYPES_PATH, content: fill(TYPES_PATH, read(TYPES_PATH), tsdocTable(), ' * ') },
  ];
}
