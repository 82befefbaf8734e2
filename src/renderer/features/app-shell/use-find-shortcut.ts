/** Ctrl+F (Cmd+F on macOS) focuses the quick search of the open grid; elsewhere the key is left alone. */
import { useEffect } from 'react';

/** Grid views mark their quick search input with this attribute. */
export const QUICK_SEARCH_ATTRIBUTE = 'data-quick-search';

export function useFindShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'f') return;
      const input = document.querySelector<HTMLInputElement>(`[role="tabpanel"] [${QUICK_SEARCH_ATTRIBUTE}]`);
      if (!input) return;
      event.preventDefault();
      input.focus();
      input.select();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
