/** Year-end exports: pure encoders the worker feeds with rows in chain order. */
export { EXPORT_FORMATS } from './export-types';
export type { ExportContext, ExportEncoder, ExportFormat, ExportRow } from './export-types';
export { createExportEncoder } from './export-encoder';
export { formatReconciliationSection } from './reconciliation-text';
