/**
 * Chart colours from the page's theme variables (theme.css: light and dark), read when a chart is
 * drawn and again whenever the scheme changes (the system's, or a theme chosen in the app, which sets
 * an attribute or class on <html>/<body>): canvas drawing cannot follow CSS by itself.
 */
import { useEffect, useState } from 'react';

export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly surface: string;
  /** Series colours, in order (users, then more). */
  readonly series: readonly string[];
  readonly total: string;
  readonly positive: string;
  readonly negative: string;
  readonly funding: string;
}

const FALLBACK: ChartTheme = {
  text: '#1b1f24', muted: '#5b6470', grid: '#d6dae0', surface: '#ffffff',
  series: ['#1f6feb', '#b35900', '#8250df', '#18794e'], total: '#1b1f24', positive: '#18794e', negative: '#b42318', funding: '#b35900',
};

export function readChartTheme(element: Element = document.body): ChartTheme {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const accent = v('--accent', FALLBACK.series[0] as string);
  const warning = v('--warning-border', FALLBACK.funding);
  const success = v('--success', FALLBACK.positive);
  const danger = v('--danger', FALLBACK.negative);
  return {
    text: v('--text', FALLBACK.text),
    muted: v('--muted', FALLBACK.muted),
    grid: v('--border', FALLBACK.grid),
    surface: v('--surface', FALLBACK.surface),
    series: [accent, warning, v('--chart-violet', '#8250df'), success],
    total: v('--text', FALLBACK.total),
    positive: accent,
    negative: danger,
    funding: warning,
  };
}

/** The current chart theme; changes when the colour scheme does. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState<ChartTheme>(() => readChartTheme());
  useEffect(() => {
    const update = (): void => {
      const next = readChartTheme();
      setTheme((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    };
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    query.addEventListener('change', update);
    const observer = new MutationObserver(update);
    for (const node of [document.documentElement, document.body]) observer.observe(node, { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme', 'data-ag-theme-mode'] });
    return () => {
      query.removeEventListener('change', update);
      observer.disconnect();
    };
  }, []);
  return theme;
}
