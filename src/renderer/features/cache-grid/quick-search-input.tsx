/**
 * The grid's quick search: typed text is applied after a short pause (each change re-reads the
 * cache). Ctrl/Cmd+F focuses it; Escape clears it.
 */
import { useEffect, useId, useState } from 'react';
import { QUICK_SEARCH_ATTRIBUTE } from '../app-shell/use-find-shortcut';

const DEBOUNCE_MS = 250;

export function QuickSearchInput({
  label,
  placeholder,
  onSearch,
}: {
  readonly label: string;
  readonly placeholder: string;
  readonly onSearch: (text: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => onSearch(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onSearch]);
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
