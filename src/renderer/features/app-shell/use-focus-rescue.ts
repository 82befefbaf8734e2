/**
 * Focus never falls to <body>: when the focused element disappears (a view switched under it after
 * "Try the demo", a removed account's card, a closed panel), focus moves to the open view's heading,
 * so keyboard and screen-reader users continue from the top of what they now see.
 */
import { useEffect } from 'react';

export const VIEW_PANEL_SELECTOR = '[role="tabpanel"]';

/** The open view's first heading (made focusable without entering the tab order). */
export function focusOpenViewHeading(doc: Document = document): boolean {
  const heading = doc.querySelector<HTMLElement>(`${VIEW_PANEL_SELECTOR} h2`);
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
  return true;
}

export function useFocusRescue(): void {
  useEffect(() => {
    // Browsers differ on whether removing the focused element fires focusout, so watch the DOM instead.
    let lastFocused: Element | null = document.activeElement;
    const onFocusIn = (event: FocusEvent): void => {
      lastFocused = event.target instanceof Element ? event.target : null;
    };
    const observer = new MutationObserver(() => {
      const active = document.activeElement;
      if (lastFocused !== null && !lastFocused.isConnected && (active === null || active === document.body)) {
        lastFocused = null;
        focusOpenViewHeading();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn, true);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn, true);
    };
  }, []);
}
