/**
 * Light or dark: as the system says, or as chosen in Settings. The page's CSS reads `data-theme` on
 * <html> (system = the prefers-color-scheme media query); the grid's Quartz theme reads
 * `data-ag-theme-mode` on an ancestor, so the resolved mode is mirrored there.
 */
import { useSettings, type ThemeChoice } from '../settings/settings-store';

export function resolvedColorScheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

export function followSystemColorScheme(): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = (): void => {
    const choice = useSettings.getState().theme;
    const mode = resolvedColorScheme(choice, query.matches);
    document.documentElement.dataset.theme = choice;
    document.documentElement.style.colorScheme = mode;
    document.body.dataset.agThemeMode = mode;
  };
  apply();
  query.addEventListener('change', apply);
  const unsubscribe = useSettings.subscribe((state, previous) => {
    if (state.theme !== previous.theme) apply();
  });
  return () => {
    query.removeEventListener('change', apply);
    unsubscribe();
  };
}
