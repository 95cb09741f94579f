/**
 * Junk on the app's channel, for the reliability scenarios: what is posted (built in the
 * page), how it is posted, well-formed messages posted from outside the library, and
 * the check that nothing polluted the pages' prototypes.
 */
import type { Tab } from './driver/index.js';
import type { App } from './harness.js';

/**
 * What the junk test posts, built in the page (structured clone keeps what JSON
 * cannot: a `__proto__` own key from JSON.parse, huge strings). `framed` items go out
 * in broadcast-channel's wrapper (`{ time, type: 'message', data }`, as its `_post`
 * frames them; see node_modules/broadcast-channel/dist/esbrowser/broadcast-channel.js),
 * so they reach the library's `onmessage`; `raw` items go out as they are (what any
 * other code on the origin might post on the channel name).
 */
export function junkInPage(): { framed: Array<[string, unknown]>; raw: Array<[string, unknown]> } {
  const ns = 'sw-update-coordinator';
  const big = 'x'.repeat(200_000);
  const tab = { visible: true, focusedAt: Date.now(), holds: 0 };
  const framed: Array<[string, unknown]> = [
    ['null', null],
    ['a number', 42],
    ['a string', 'HELLO'],
    ['an array', [ns, 1, 'TAB']],
    ['an empty object', {}],
    ['no type', { ns, v: 1 }],
    ['an unknown type', { ns, v: 1, type: 'EXPLODE', tabId: 'junk' }],
    ['a prototype key as type', { ns, v: 1, type: 'toString', tabId: 'junk' }],
    ['__proto__ as type', { ns, v: 1, type: '__proto__', tabId: 'junk' }],
    ['TAB without fields', { ns, v: 1, type: 'TAB' }],
    ['TAB with negative holds', { ns, v: 1, type: 'TAB', tabId: 'junk-tab', ...tab, holds: -5 }],
    ['TAB with fractional holds', { ns, v: 1, type: 'TAB', tabId: 'junk-tab', ...tab, holds: 0.5 }],
    ['TAB with NaN focusedAt', { ns, v: 1, type: 'TAB', tabId: 'junk-tab', ...tab, focusedAt: Number.NaN }],
    ['ROSTER with junk tabs', { ns, v: 1, type: 'ROSTER', tabId: 'junk-leader', tabs: [null, 1, { tabId: 7 }] }],
    ['wrong namespace', { ns: 'someone-else', v: 1, type: 'ACCEPT', updateId: 'junk-accept' }],
    ['future version v:2 ACCEPT', { ns, v: 2, type: 'ACCEPT', updateId: 'junk-accept-v2', force: true }],
    ['future version v:2 GRANT', { ns, v: 2, type: 'GRANT', tabId: 'nobody', epoch: Date.now() + 1e9 }],
    ['v as a string', { ns, v: '1', type: 'DISMISS', until: Date.now() + 1e9 }],
    ['DISMISS with Infinity', { ns, v: 1, type: 'DISMISS', until: Number.POSITIVE_INFINITY }],
    ['ACCEPT with an object updateId', { ns, v: 1, type: 'ACCEPT', updateId: { toString: 'x' } }],
    ['ACCEPT with a huge updateId', { ns, v: 1, type: 'ACCEPT', updateId: big }],
    ['ACCEPT with a 300-character updateId', { ns, v: 1, type: 'ACCEPT', updateId: 'u'.repeat(300), force: true }],
    ['an oversized TAB', { ns, v: 1, type: 'TAB', tabId: 'junk-big', ...tab, padding: big }],
    [
      'a ROSTER of 1000 tabs',
      {
        ns,
        v: 1,
        type: 'ROSTER',
        tabId: 'junk-leader',
        tabs: Array.from({ length: 1000 }, (_, i) => ({ tabId: `junk-${i}`, ...tab, holds: 1 })),
      },
    ],
    ['__proto__ from JSON', JSON.parse('{"__proto__": {"polluted": true}}')],
    [
      'a TAB with __proto__ from JSON',
      // Well-formed apart from the key: a hidden tab without holds (see the phantom-tab test).
      JSON.parse(
        `{"ns":"${ns}","v":1,"type":"TAB","tabId":"junk-proto","visible":false,"focusedAt":1,"holds":0,"__proto__":{"polluted":true,"holds":5,"visible":true}}`,
      ),
    ],
    ['constructor.prototype from JSON', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
  ];
  const raw: Array<[string, unknown]> = [
    ['raw null', null],
    ['raw undefined', undefined],
    ['raw number', 1],
    ['raw string', 'junk'],
    ['raw empty object', {}],
    ['raw message without wrapper', { ns, v: 1, type: 'ACCEPT', updateId: 'raw-accept' }],
    ['raw __proto__ from JSON', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['raw wrapper, unknown type', { time: Number.MAX_SAFE_INTEGER, type: 'nonsense', data: {} }],
    [
      'raw wrapper, internal junk',
      { time: Number.MAX_SAFE_INTEGER, type: 'internal', data: { context: 'leader', action: 'nonsense' } },
    ],
    ['raw wrapper, internal null', { time: Number.MAX_SAFE_INTEGER, type: 'internal', data: null }],
  ];
  return { framed, raw };
}

/**
 * Posts junk on the app's channel from `page` with the native BroadcastChannel:
 * `framed` in broadcast-channel's wrapper (with a time after every listener's start),
 * `raw` as is. Returns the labels posted.
 */
export async function postJunk(page: Tab, which: 'framed' | 'raw'): Promise<string[]> {
  return page.evaluate(
    async ({ source, which }) => {
      const channel = new BroadcastChannel(`sw-update-coordinator:${new URL('/', location.href).href}`);
      // eslint-disable-next-line no-new-func
      const junk = (new Function(`return (${source})`)() as typeof junkInPage)();
      const time = (Date.now() + 60_000) * 1000; // broadcast-channel's microseconds, in the future
      const labels: string[] = [];
      for (const [label, data] of junk[which]) {
        try {
          channel.postMessage(which === 'framed' ? { time, type: 'message', data } : data);
          labels.push(label);
        } catch (error) {
          labels.push(`${label} (not cloneable: ${String(error)})`);
        }
      }
      // Let the messages go out before the channel closes.
      await new Promise((done) => setTimeout(done, 100));
      channel.close();
      return labels;
    },
    { source: junkInPage.toString(), which },
  );
}

/** Posts well-formed protocol messages (envelope added) on the app's channel from `page`, framed as broadcast-channel does. */
export async function postMessages(page: Tab, messages: Array<Record<string, unknown>>): Promise<void> {
  await page.evaluate(async (messages) => {
    const channel = new BroadcastChannel(`sw-update-coordinator:${new URL('/', location.href).href}`);
    const time = (Date.now() + 60_000) * 1000;
    for (const message of messages) {
      channel.postMessage({ time, type: 'message', data: { ns: 'sw-update-coordinator', v: 1, ...message } });
    }
    await new Promise((done) => setTimeout(done, 100));
    channel.close();
  }, messages);
}

/** `({}).polluted` and friends in every live tab, as `typeof` (every engine's driver turns undefined into null): all must be 'undefined'. */
export async function pollution(app: App): Promise<unknown[]> {
  return Promise.all(
    app.liveIndices().map((i) =>
      app.pages[i]!.evaluate(() => {
        const probe = {} as Record<string, unknown>;
        return [
          probe.polluted,
          (Object.prototype as Record<string, unknown>).polluted,
          (Object as unknown as Record<string, unknown>).polluted,
        ].map((value) => typeof value);
      }),
    ),
  );
}
