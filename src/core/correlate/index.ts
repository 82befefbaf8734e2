export { correlate } from './correlate';
export { selectMovements } from './select-movements';
export {
  DEFAULT_CORRELATION_OPTIONS,
  type CorrelationFinding,
  type CorrelationOptions,
  type CorrelationSeverity,
  type MoneyMovement,
  type MovementSelection,
  type MovementSelectionOptions,
  type RowRef,
  type SignalKind,
} from './types';
