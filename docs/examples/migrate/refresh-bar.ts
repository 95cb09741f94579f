/** The app's own "new version" bar, as it was before: shown by `show`, removed by what it returns. */
export function showRefreshBar(text: string, onUpdate: () => void, onLater: () => void): () => void {
  const bar = document.createElement('div');
  bar.setAttribute('role', 'status');
  bar.textContent = `${text} `;
  for (const [label, action] of [['Update', onUpdate], ['Later', onLater]] as const) {
    const button = document.createElement('button');
    button.textContent = label;
    button.addEventListener('click', action);
    bar.append(button);
  }
  document.body.append(bar);
  return () => bar.remove();
}
