/** ag-grid, registered once: every community module, and the Quartz theme following the page's colours. */
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Light or dark comes from `data-ag-theme-mode` on <body> (see system-color-scheme.ts). */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  spacing: 5,
  // Narrower than Quartz's default (3 × spacing): every amount column of Transactions fits 1440 px.
  cellHorizontalPadding: 9,
  wrapperBorderRadius: 6,
});
