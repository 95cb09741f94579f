/**
 * The prompt's shadow styles. Public knobs are `--sw-update-prompt-*` custom properties
 * and the `::part()`s; the `--_*` names are private shorthands, set on :host so a
 * page's own variables never leak in. Colours meet WCAG AA (checked by axe in
 * test/browser/prompt.test.ts) in both schemes.
 */
export const styles = `
:host {
  --_bg: var(--sw-update-prompt-bg, #fff);
  --_fg: var(--sw-update-prompt-fg, #1f1f1f);
  --_ac: var(--sw-update-prompt-accent, #0b57d0);
  --_acfg: var(--sw-update-prompt-accent-fg, #fff);
  --_r: var(--sw-update-prompt-radius, 12px);
  --_o: var(--sw-update-prompt-offset, 16px);
  --_y: 1;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_bg: var(--sw-update-prompt-bg, #2d2e31);
    --_fg: var(--sw-update-prompt-fg, #e8eaed);
    --_ac: var(--sw-update-prompt-accent, #a8c7fa);
    --_acfg: var(--sw-update-prompt-accent-fg, #062e6f);
  }
}
[part~=container] {
  position: fixed;
  z-index: var(--sw-update-prompt-z, 2147483000);
  inset-block-end: var(--_o);
  inset-inline-end: var(--_o);
  box-sizing: border-box;
  max-width: min(36rem, calc(100vw - 2 * var(--_o)));
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px 16px;
  padding: 12px 12px 12px 16px;
  border: 1px solid rgba(128, 128, 128, .35);
  border-radius: var(--_r);
  background: var(--_bg);
  color: var(--_fg);
  font: var(--sw-update-prompt-font, 15px/1.4 system-ui, sans-serif);
  box-shadow: 0 6px 24px rgba(0, 0, 0, .2);
}
:host([position$=start]) [part~=container] { inset-inline: var(--_o) auto; }
:host([position^=top]) [part~=container] { inset-block: var(--_o) auto; --_y: -1; }
:host([position=bottom-center]) [part~=container] { inset-inline: 0; margin-inline: auto; width: max-content; }
/* Hidden keeps the live region rendered (emptied), so the next message is announced. */
:host([state=hidden]) [part~=container] { padding: 0; gap: 0; border: 0; background: none; box-shadow: none; }
@media (prefers-reduced-motion: no-preference) {
  :host(:not([state=hidden])) [part~=container] { animation: in .2s ease-out; }
}
@keyframes in { from { opacity: 0; transform: translateY(calc(var(--_y) * 12px)); } }
p { margin: 0; flex: 1 1 auto; }
div div { display: flex; gap: 8px; margin-inline-start: auto; }
button {
  min-height: 36px;
  padding: 6px 16px;
  border: 1px solid var(--_ac);
  border-radius: calc(var(--_r) / 1.5);
  background: var(--_ac);
  color: var(--_acfg);
  font: inherit;
  font-weight: 600;
  cursor: pointer;
}
button:hover { filter: brightness(1.1); }
[part~=later] { border-color: rgba(128, 128, 128, .6); background: none; color: inherit; }
button:focus-visible { outline: 2px solid var(--_ac); outline-offset: 2px; }
`;
