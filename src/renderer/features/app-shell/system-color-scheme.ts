/**
 * Light or dark as the system says. The page's own CSS uses prefers-color-scheme directly; the
 * grid's Quartz theme reads `data-ag-theme-mode` on an ancestor, so mirror the media query there.
 */
export function followSystemColorScheme(): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = (): void => {
    document.body.dataset.agThemeMode = query.matches ? 'dark' : 'light';
  };
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
