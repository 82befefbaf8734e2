/**
 * The grid's quick search: typed text is applied after a short pause (each change re-reads the
 * cache). Ctrl/Cmd+F focuses it; Escape clears it. Starts from `initial` (the remembered search);
 * a new `key` from the parent resets it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { QUICK_SEARCH_ATTRIBUTE } from '../app-shell/use-find-shortcut';

const DEBOUNCE_MS = 250;

export function QuickSearchInput({
  label,
  placeholder,
  initial = '',
  onSearch,
}: {
  readonly label: string;
  readonly placeholder: string;
  readonly initial?: string;
  readonly onSearch: (text: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  const applied = useRef(initial.trim());
  const latest = useRef({ text, onSearch });
  latest.current = { text, onSearch };
  useEffect(() => {
    if (text.trim() === applied.current) return;
    const timer = setTimeout(() => {
      applied.current = text.trim();
      onSearch(applied.current);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onSearch]);
  // Leaving the view within the pause still applies (and so remembers) what was typed last.
  useEffect(
    () => () => {
      const pending = latest.current.text.trim();
      if (pending !== applied.current) latest.current.onSearch(pending);
    },
    [],
  );
  return (
    <div className="toolbar-field toolbar-field--grow">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        {...{ [QUICK_SEARCH_ATTRIBUTE]: '' }}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text !== '') {
            e.preventDefault();
            setText('');
          }
        }}
      />
    </div>
  );
}
