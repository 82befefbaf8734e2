/**
 * A row's change split the way tax tools want it: the cash part (premium / PnL / amount moved) and
 * the fee. Deribit's `change` already includes the fee (change = cash − commission), so
 * cash = change + commission exactly, and cash − fee always adds back up to change.
 */
import {
  absAmount,
  addAmounts,
  formatAmount,
  parseAmount,
  parseOptionalAmount,
  signOf,
  wireMagnitude,
  type ExactAmount,
} from './exact-amount';
import type { ExportRow } from './export-types';

export { INCOME_KINDS } from '../recon/classify';

/** Kinds whose cash part is realized PnL (premium, session PnL, funding, delivery). */
export const PNL_KINDS: ReadonlySet<string> = new Set(['trade-option', 'trade-future', 'trade', 'settlement', 'delivery']);

export interface RowCash {
  readonly change: ExactAmount;
  readonly cash: ExactAmount;
  readonly cashSign: -1 | 0 | 1;
  /** |cash| as text ("" when zero) */
  readonly cashMagnitude: string;
  /** Fee paid (commission > 0) as text, else null. */
  readonly fee: string | null;
  /** Fee rebate (commission < 0) as a positive text, else null. */
  readonly rebate: string | null;
}

export function rowCash(row: ExportRow): RowCash {
  const change = parseAmount(row.change);
  const commission = parseOptionalAmount(row.commission);
  const commissionSign = signOf(commission);
  const cash = commissionSign === 0 ? change : addAmounts(change, commission);
  const cashSign = signOf(cash);
  let cashMagnitude = '';
  if (cashSign !== 0) cashMagnitude = commissionSign === 0 ? wireMagnitude(row.change, change) : formatAmount(absAmount(cash));
  const commissionText = row.commission ?? '0';
  return {
    change,
    cash,
    cashSign,
    cashMagnitude,
    fee: commissionSign > 0 ? wireMagnitude(commissionText, commission) : null,
    rebate: commissionSign < 0 ? wireMagnitude(commissionText, commission) : null,
  };
}
