/**
 * Generates docs/api.md from the TSDoc of the public entries, walking the TypeScript
 * AST with the installed `typescript` package, and the timing defaults from
 * machines/timing.ts. test/docs-examples.test.ts fails while docs/api.md is stale.
 *
 *   npx tsx scripts/docs/api.ts          write docs/api.md
 *   npx tsx scripts/docs/api.ts --check  write nothing; exit 1 if docs/api.md differs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { DEFAULT_CHECK_INTERVAL, DEFAULT_SNOOZE, DEFAULT_TIMING } from '../../machines/timing.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const API_DOC_PATH = 'docs/api.md';

/**
 * What each status means. Kept here because a union member carries no TSDoc of its
 * own; the docs test checks these keys against `CoordinatorStatus`.
 */
export const STATUS_MEANINGS: Readonly<Record<string, string>> = {
  unsupported: 'No service workers here (insecure context, disabled, old browser, server rendering). Every method is a safe no-op.',
  registering: 'Waiting for the page\'s `load` event, then for `navigator.serviceWorker.register`.',
  idle: 'Registered; no newer worker is installing or waiting.',
  installing: 'A newer worker is installing.',
  available: 'A newer worker is waiting. One tab of the app presents the prompt (`isPrompting`).',
  snoozed: 'A newer worker is waiting, and a tab dismissed its prompt; it returns when the snooze ends.',
  blocked: 'Accepted, but some tab holds unsaved work. Every tab waits; a tab whose own holds remain after the update was applied (or forced) also shows `blocked` until it releases.',
  activating: 'Accepted: the leader posted `SKIP_WAITING` and every tab waits for the new worker to take over.',
  reloading: 'This tab is reloading onto the new version.',
  failed: 'Registration failed; `error` says why. Nothing else happens in this page.',
};

/** What each `exports` subpath of package.json is; the docs test checks the keys. */
export const ENTRY_POINTS: Readonly<Record<string, string>> = {
  '.': 'Page side: `createUpdateCoordinator` and the types. ESM and CommonJS.',
  './worker': 'Service-worker side: `handleUpdates`. ESM, no dependencies.',
  './prompt': 'The default prompt, `<sw-update-prompt>`, and `mountUpdatePrompt`. ESM; importing it defines the element.',
  './react': 'React hooks: `useUpdateCoordinator`, `useHold`.',
  './vue': 'Vue composables: `useUpdateCoordinator`, `useHold`.',
  './svelte': 'Svelte store: `updateStore`.',
  './global': 'Classic script (`<script src>`), dependencies inlined: sets `globalThis.swUpdateCoordinator = { createUpdateCoordinator }`.',
  './worker-global': 'Classic script for `importScripts()`: sets `self.swUpdateCoordinator = { handleUpdates }`.',
  './package.json': 'The package manifest.',
};

// --- reading the sources ----------------------------------------------------------

const sources = new Map<string, ts.SourceFile>();

/** Parsed with parent pointers, so nodes can print their own text. */
function source(file: string): ts.SourceFile {
  let parsed = sources.get(file);
  if (parsed === undefined) {
    parsed = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    sources.set(file, parsed);
  }
  return parsed;
}

type Declaration =
  | ts.InterfaceDeclaration
  | ts.FunctionDeclaration
  | ts.TypeAliasDeclaration
  | ts.ClassDeclaration;

function declaration(file: string, name: string): Declaration {
  for (const statement of source(file).statements) {
    if (
      (ts.isInterfaceDeclaration(statement) ||
        ts.isFunctionDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isClassDeclaration(statement)) &&
      statement.name?.text === name
    ) {
      return statement;
    }
  }
  throw new Error(`scripts/docs/api.ts: ${name} is not declared in ${file}`);
}

interface Doc {
  /** The comment text, with `{@link X}` rewritten as code. */
  text: string;
  /** `@default` text, if any. */
  default?: string;
  /** `@param` texts, by parameter name. */
  params?: Array<[string, string]>;
}

/** Symbols with a heading or table row in this page, for `{@link}` targets. */
const anchors: Record<string, string> = {
  createUpdateCoordinator: '#createupdatecoordinatoroptions',
  UpdateCoordinatorOptions: '#options-updatecoordinatoroptions',
  UpdatePrompt: '#the-prompt-updateprompt',
  UpdateCoordinator: '#the-coordinator-updatecoordinator',
  CoordinatorSnapshot: '#the-snapshot-coordinatorsnapshot',
  AcceptOptions: '#acceptoptions',
  handleUpdates: '#handleupdatesoptions-scope',
  Timing: '#timing',
  mountUpdatePrompt: '#mountupdatepromptcoordinator-options',
  UpdatePromptPosition: '#updatepromptoptions',
  UpdatePromptStrings: '#updatepromptstrings',
  defaultStrings: '#updatepromptstrings',
};

function linkText(target: string): string {
  const [symbol = target, member] = target.split('.');
  const label = `\`${member ?? symbol}\``;
  const anchor = anchors[symbol];
  return anchor ? `[${label}](${anchor})` : label;
}

function renderComment(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  const text = ts.getTextOfJSDocComment(comment) ?? '';
  return text
    .replace(/\{@link\s+([^}\s|]+)(?:\s*\|\s*[^}]*)?\}/g, (_, target: string) => linkText(target))
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

function docOf(node: ts.Node): Doc {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const last = docs.at(-1);
  if (last === undefined) return { text: '' };
  const defaultTag = last.tags?.find((tag) => tag.tagName.text === 'default');
  const tags: readonly ts.JSDocTag[] = last.tags ?? [];
  const params = tags
    .filter(ts.isJSDocParameterTag)
    .map((tag): [string, string] => [tag.name.getText(), renderComment(tag.comment).replace(/^-\s*/, '')]);
  return {
    text: renderComment(last.comment),
    default: defaultTag ? renderComment(defaultTag.comment) : undefined,
    params: params.length > 0 ? params : undefined,
  };
}

const typeText = (node: ts.TypeNode | undefined): string =>
  node === undefined ? 'unknown' : node.getText().replace(/\s+/g, ' ');

/** `name(a?: A, b: B): R`, without default values or bodies. */
function signature(
  name: string,
  parameters: ts.NodeArray<ts.ParameterDeclaration>,
  returnType: ts.TypeNode | undefined,
  typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration>,
): string {
  const generics = typeParameters?.length ? `<${typeParameters.map((p) => p.getText()).join(', ')}>` : '';
  const params = parameters
    .map((p) => {
      const optional = p.questionToken !== undefined || p.initializer !== undefined;
      const paramName = ts.isIdentifier(p.name) ? p.name.text : 'options';
      return `${paramName}${optional ? '?' : ''}: ${typeText(p.type)}`;
    })
    .join(', ');
  return `${name}${generics}(${params}): ${typeText(returnType)}`;
}

interface Member {
  name: string;
  optional: boolean;
  type: string;
  /** Set for methods: the whole signature. */
  signature?: string;
  doc: Doc;
}

/**
 * Descriptions for members whose TSDoc says nothing more than their name, so no
 * table cell is empty. A member's own TSDoc, once written, wins.
 */
const FALLBACK_TEXT: Readonly<Record<string, string>> = {
  'CoordinatorSnapshot.status': 'Where this tab is in the update lifecycle; see [Statuses](#statuses-coordinatorstatus).',
  'Timing.checkBackoffMax': 'The longest wait between automatic checks after failures.',
  'UpdatePromptStrings.update': 'The button that accepts the update.',
  'UpdatePromptStrings.later': 'The button that dismisses (snoozes) the prompt.',
};

/** A `@default` that points at this very page reads better as a link. */
const localDefault = (text: string | undefined): string | undefined =>
  text?.replace('the values documented in docs/api.md', 'see [Timing](#timing)');

function members(file: string, name: string): Member[] {
  const node = declaration(file, name);
  if (!ts.isInterfaceDeclaration(node)) throw new Error(`${name} is not an interface`);
  return node.members.map((member): Member => {
    const memberName = member.name && ts.isIdentifier(member.name) ? member.name.text : member.name?.getText() ?? '';
    const found = docOf(member);
    const doc = { text: found.text || FALLBACK_TEXT[`${name}.${memberName}`] || '', default: localDefault(found.default) };
    const optional = member.questionToken !== undefined;
    if (ts.isMethodSignature(member)) {
      return {
        name: memberName,
        optional,
        type: '',
        signature: signature(memberName, member.parameters, member.type),
        doc,
      };
    }
    if (ts.isPropertySignature(member)) {
      return { name: memberName, optional, type: typeText(member.type), doc };
    }
    throw new Error(`${name}.${memberName}: unsupported member kind`);
  });
}

function functionDoc(file: string, name: string): { signature: string; doc: Doc } {
  const node = declaration(file, name);
  if (!ts.isFunctionDeclaration(node)) throw new Error(`${name} is not a function`);
  return { signature: signature(name, node.parameters, node.type, node.typeParameters), doc: docOf(node) };
}

/** The string-literal members of a union type alias. */
export function unionMembers(file: string, name: string): string[] {
  const node = declaration(file, name);
  if (!ts.isTypeAliasDeclaration(node) || !ts.isUnionTypeNode(node.type)) throw new Error(`${name} is not a union`);
  return node.type.types.map((t) =>
    ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : t.getText(),
  );
}

// --- writing markdown -------------------------------------------------------------

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => `\`${cell(text)}\``;

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/**
 * `input`: what the app passes (a default column; required members are marked).
 * `output`: what the library hands out (optional members may be undefined).
 */
function propertyTable(list: Member[], kind: 'input' | 'output'): string {
  const withDefault = kind === 'input';
  const head = withDefault ? ['name', 'type', 'default', 'description'] : ['name', 'type', 'description'];
  const rows = list.map((m) => {
    const name = code(m.name) + (withDefault && !m.optional ? ' (required)' : '');
    const type = code((m.signature ?? m.type) + (!withDefault && m.optional ? ' | undefined' : ''));
    const row = [name, type];
    if (withDefault) row.push(m.doc.default ? cell(m.doc.default) : '');
    row.push(cell(m.doc.text));
    return row;
  });
  return table(head, rows);
}

function methodList(list: Member[]): string {
  return list
    .map((m) => `### \`${m.signature ?? m.name}\`\n\n${m.doc.text}${m.doc.default ? ` Default: ${m.doc.default}.` : ''}`)
    .join('\n\n');
}

/** `100 ms`, `10 s`, `1 h`: how the docs write a timing. */
export function formatMs(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/** `name(a, b?)`: the heading form of a signature (short, so its anchor is too). */
function shortSignature(file: string, name: string): string {
  const node = declaration(file, name);
  if (!ts.isFunctionDeclaration(node)) throw new Error(`${name} is not a function`);
  const params = node.parameters.map((p) => {
    const optional = p.questionToken !== undefined || p.initializer !== undefined;
    return `${p.name.getText()}${optional ? '?' : ''}`;
  });
  return `${name}(${params.join(', ')})`;
}

function functionSection(heading: string, file: string, name: string): string {
  const fn = functionDoc(file, name);
  const params = fn.doc.params?.map(([param, text]) => `- \`${param}\`: ${text}`).join('\n');
  return `${heading} \`${shortSignature(file, name)}\`\n\n\`${fn.signature}\`\n\n${fn.doc.text}${params ? `\n\n${params}` : ''}`;
}

export function generateApiDoc(): string {
  const exportsMap = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> })
    .exports;
  const statuses = unionMembers('src/types.ts', 'CoordinatorStatus');
  const timing = members('machines/timing.ts', 'Timing');
  const values = DEFAULT_TIMING as unknown as Record<string, number>;

  const parts = [
    '<!-- Generated by scripts/docs/api.ts from the TSDoc in src/ and machines/timing.ts. Do not edit: run `npx tsx scripts/docs/api.ts`. -->',
    '',
    '# API reference',
    '',
    'Every option, method, snapshot field and callback, with its default. The [guide](guide.md) explains',
    'how they fit together; the [recipes](guide.md#recipes) show them in complete, tested apps.',
    '',
    '## Entry points',
    '',
    table(
      ['import', 'what'],
      Object.keys(exportsMap).map((subpath) => [
        code(subpath === '.' ? 'sw-update-coordinator' : `sw-update-coordinator/${subpath.slice(2)}`),
        cell(ENTRY_POINTS[subpath] ?? '(not described)'),
      ]),
    ),
    '',
    functionSection('##', 'src/coordinator.ts', 'createUpdateCoordinator'),
    '',
    'It throws a `TypeError` only for invalid options: a missing or empty `scriptURL`, or a',
    '`checkInterval` or `snooze` that is not a number ≥ 0.',
    '',
    '### Options (`UpdateCoordinatorOptions`)',
    '',
    propertyTable(members('src/types.ts', 'UpdateCoordinatorOptions'), 'input'),
    '',
    '### The prompt (`UpdatePrompt`)',
    '',
    'The argument of `onPrompt`.',
    '',
    propertyTable(members('src/types.ts', 'UpdatePrompt'), 'output'),
    '',
    '`onPrompt` may return a cleanup (`PromptCleanup`, `() => void`). It runs when this tab stops',
    'presenting: the prompt moves to another tab, the user accepts or dismisses (here or in another',
    'tab), a newer worker replaces the waiting one, or the coordinator is destroyed.',
    '',
    '## The coordinator (`UpdateCoordinator`)',
    '',
    'The object `createUpdateCoordinator` returns.',
    '',
    methodList(members('src/types.ts', 'UpdateCoordinator')),
    '',
    '### `AcceptOptions`',
    '',
    propertyTable(members('src/types.ts', 'AcceptOptions'), 'input'),
    '',
    '## The snapshot (`CoordinatorSnapshot`)',
    '',
    docOf(declaration('src/types.ts', 'CoordinatorSnapshot')).text,
    '',
    propertyTable(members('src/types.ts', 'CoordinatorSnapshot'), 'output'),
    '',
    '### Statuses (`CoordinatorStatus`)',
    '',
    `${docOf(declaration('src/types.ts', 'CoordinatorStatus')).text.replace('see docs/guide.md for the state chart', 'see the [guide](guide.md#statuses) for when each one begins and ends')}`,
    '',
    table(
      ['status', 'meaning'],
      statuses.map((status) => [code(status), cell(STATUS_MEANINGS[status] ?? '(not described)')]),
    ),
    '',
    '## Worker',
    '',
    functionSection('###', 'src/worker.ts', 'handleUpdates'),
    '',
    'It adds two listeners to the worker scope:',
    '',
    '- `message`: a `GET_VERSION` request is answered with `version` on the transferred port; a',
    "  `SKIP_WAITING` message (ours, or Workbox's bare `{ type: 'SKIP_WAITING' }`) calls",
    '  `self.skipWaiting()` inside `event.waitUntil`. Anything else is ignored.',
    '- `activate`: only if this worker received `SKIP_WAITING`, posts `RELOAD` (with the',
    "  accepted update's id and `version`) to `clients.matchAll({ type: 'window', includeUncontrolled: true })`.",
    '  A first install, or a worker that skipped waiting on its own, never makes tabs reload.',
    '',
    'Loaded with `importScripts()`, the `worker-global` build offers the same function as',
    '`self.swUpdateCoordinator.handleUpdates`. The messages are specified in [protocol.md](protocol.md).',
    '',
    '#### `HandleUpdatesOptions`',
    '',
    propertyTable(members('src/worker.ts', 'HandleUpdatesOptions'), 'input'),
    '',
    '## Default prompt (`sw-update-coordinator/prompt`)',
    '',
    functionSection('###', 'src/prompt/mount.ts', 'mountUpdatePrompt'),
    '',
    '#### `UpdatePromptOptions`',
    '',
    propertyTable(members('src/prompt/mount.ts', 'UpdatePromptOptions'), 'input'),
    '',
    '#### `UpdatePromptStrings`',
    '',
    propertyTable(members('src/prompt/strings.ts', 'UpdatePromptStrings'), 'input'),
    '',
    '#### `<sw-update-prompt>`',
    '',
    docOf(declaration('src/prompt/element.ts', 'UpdatePromptElement')).text,
    'Its `coordinator` and `strings` properties can also be set directly. Importing the entry',
    'defines the element; `defineUpdatePrompt()` does the same and is a no-op once it is defined.',
    '',
    '## React (`sw-update-coordinator/react`)',
    '',
    functionSection('###', 'src/react.ts', 'useUpdateCoordinator'),
    '',
    functionSection('###', 'src/react.ts', 'useHold'),
    '',
    '## Vue (`sw-update-coordinator/vue`)',
    '',
    functionSection('###', 'src/vue.ts', 'useUpdateCoordinator'),
    '',
    functionSection('###', 'src/vue.ts', 'useHold'),
    '',
    '## Svelte (`sw-update-coordinator/svelte`)',
    '',
    functionSection('###', 'src/svelte.ts', 'updateStore'),
    '',
    '## Timing',
    '',
    `${docOf(declaration('machines/timing.ts', 'Timing')).text} The defaults, from`,
    '[machines/timing.ts](../machines/timing.ts):',
    '',
    table(
      ['name', 'default', 'what it is, and where the number comes from'],
      timing.map((m) => [
        code(m.name),
        formatMs(values[m.name] ?? Number.NaN),
        cell(m.doc.text),
      ]),
    ),
    '',
    `\`checkInterval\` and \`snooze\` are options of their own (defaults ${formatMs(DEFAULT_CHECK_INTERVAL)} and`,
    `${formatMs(DEFAULT_SNOOZE)}).`,
    '',
  ];
  return parts.join('\n');
}

function main(): void {
  const path = join(root, API_DOC_PATH);
  const next = generateApiDoc();
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // Not written yet.
  }
  if (process.argv.includes('--check')) {
    if (current !== next) {
      console.error(`${API_DOC_PATH} is out of date: run npx tsx scripts/docs/api.ts`);
      process.exitCode = 1;
    }
    return;
  }
  if (current !== next) {
    writeFileSync(path, next);
    console.log(`wrote ${API_DOC_PATH}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
