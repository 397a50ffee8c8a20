// Keyboard shortcuts of the inbox; ignored while typing in a field or with a modifier held.
export function wireShortcuts(actions) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (event.key === 'Escape' && target.matches('textarea, input')) {
      target.blur();
      return;
    }
    if (target.matches('textarea, input, select, [contenteditable]')) return;
    const action = { j: actions.next, k: actions.previous, c: actions.claim, r: actions.reply }[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}
