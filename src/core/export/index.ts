/** Year-end exports: pure encoders the worker feeds with rows in chain order. */
export { EXPORT_FORMATS } from './export-types';
export type { ExportContext, ExportEncoder, ExportFormat, ExportRow, UsdExport } from './export-types';
export { createExportEncoder, type ExportOptions } from './export-encoder';
export type { BeancountLayout, BeancountOptions } from './beancount-opens';
export { formatReconciliationSection } from './reconciliation-text';
