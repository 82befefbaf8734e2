/**
 * A <dialog> shown modal on mount and closed on unmount, with focus on the element the caller marks
 * (showModal would focus the first button, which in a confirmation is the irreversible one).
 */
import { useCallback, useEffect, useRef } from 'react';

export function useModalDialog<F extends HTMLElement>() {
  const dialog = useRef<HTMLDialogElement>(null);
  const initialFocus = useRef<F>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    initialFocus.current?.focus();
    return () => element?.close();
  }, []);
  const close = useCallback(() => dialog.current?.close(), []);
  return { dialog, initialFocus, close };
}
