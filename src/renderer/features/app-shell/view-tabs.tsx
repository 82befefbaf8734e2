/**
 * The four views as an ARIA tablist: Tab reaches the selected tab, arrow keys / Home / End move
 * between tabs and open them (automatic activation), Enter and Space work as on any button.
 */
import { useRef, type KeyboardEvent } from 'react';
import { VIEWS, useNavigation, type ViewId } from '../../state/navigation-store';
import { FindingsTabCount } from '../findings/findings-tab-count';

export const tabId = (view: ViewId): string => `view-tab-${view}`;
export const panelId = (view: ViewId): string => `view-panel-${view}`;

export function ViewTabs() {
  const current = useNavigation((s) => s.view);
  const open = useNavigation((s) => s.open);
  const buttons = useRef(new Map<ViewId, HTMLButtonElement>());

  const move = (index: number): void => {
    const target = VIEWS[(index + VIEWS.length) % VIEWS.length];
    if (!target) return;
    open(target.id);
    buttons.current.get(target.id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = VIEWS.findIndex((v) => v.id === current);
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(index + 1),
      ArrowLeft: () => move(index - 1),
      Home: () => move(0),
      End: () => move(VIEWS.length - 1),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  return (
    <nav className="view-nav" aria-label="Main">
      <div role="tablist" aria-label="Views" className="view-tabs" onKeyDown={onKeyDown}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            ref={(el) => {
              if (el) buttons.current.set(v.id, el);
              else buttons.current.delete(v.id);
            }}
            type="button"
            role="tab"
            id={tabId(v.id)}
            aria-selected={v.id === current}
            aria-controls={panelId(v.id)}
            tabIndex={v.id === current ? 0 : -1}
            className="view-tab"
            onClick={() => open(v.id)}
          >
            {v.label}
            {v.id === 'findings' ? <FindingsTabCount /> : null}
          </button>
        ))}
      </div>
    </nav>
  );
}
