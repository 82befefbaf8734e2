/**
 * Picks, from ledger pages (typed columns, no per-row strings), the rows correlation needs: money that
 * left (withdrawals, transfers out, losses at or above a per-currency threshold) and every row that carries
 * an ip. Strings are built only for the selected rows, so a million-row ledger costs one pass over arrays.
 */
import { canonicalKind } from '../recon/classify';
import type { LedgerPage } from '../recon/types';
import { IpRow } from './ip-row';
import { ceilAtScale, compareScaled, formatScaled, parseScaled, type Scaled } from './scaled-decimal';
import type { MoneyMovement, MovementSelection, MovementSelectionOptions } from './types';

const OTHER = 0;
const WITHDRAWAL = 1;
const TRANSFER = 2;

function kindCategories(kindNames: readonly string[]): Uint8Array {
  const categories = new Uint8Array(Math.max(kindNames.length, 1));
  kindNames.forEach((name, code) => {
    categories[code] = name === 'withdrawal' ? WITHDRAWAL : name === 'transfer' ? TRANSFER : OTHER;
  });
  return categories;
}

function parseThresholds(thresholds: ReadonlyMap<string, string>): Map<string, Scaled> {
  const parsed = new Map<string, Scaled>();
  for (const [currency, text] of thresholds) {
    const value = parseScaled(text);
    if (value.int <= 0n) throw new RangeError(`loss threshold for ${currency} must be positive, got "${text}"`);
    parsed.set(currency, value);
  }
  return parsed;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const INT64_MIN = -(1n << 63n);

/** An int64 as its high word (signed) and low word (unsigned): a ≤ b ⇔ a.hi < b.hi, or equal and a.lo ≤ b.lo. */
function wordsOf(value: bigint): { hi: number; lo: number } {
  return { hi: Number(BigInt.asIntN(32, value >> 32n)), lo: Number(BigInt.asUintN(32, value)) };
}

export const byTimeThenRow = (a: MoneyMovement, b: MoneyMovement): number =>
  a.timestamp - b.timestamp || a.rowId - b.rowId || (a.chain.accountKey < b.chain.accountKey ? -1 : a.chain.accountKey > b.chain.accountKey ? 1 : 0);

export function selectMovements(pages: Iterable<LedgerPage>, options: Partial<MovementSelectionOptions> = {}): MovementSelection {
  const select = movementSelector(options);
  const usernames = options.usernames ?? new Map<string, string>();
  const movements: MoneyMovement[] = [];
  const ipRows: MoneyMovement[] = [];
  for (const page of pages) {
    select(page, movements);
    const chain = { accountKey: page.accountKey, userId: page.userId, currency: page.currency };
    const username = usernames.get(`${page.accountKey}|${page.userId}`) ?? null;
    const kinds = page.kindNames.map((name) => canonicalKind(name));
    // Hundreds of thousands of rows carry an ip; their change text is built only if a finding reads it.
    for (const [i, ip] of page.ips) {
      if (i >= 0 && i < page.count) {
        const kind = kinds[page.kindCodes[i] ?? 0] ?? canonicalKind('unknown');
        ipRows.push(new IpRow(chain, page.ids[i] ?? 0, page.timestamps[i] ?? 0, kind, ip, username, page.texts ? page.texts.changes : page.changes, i, page.scale));
      }
    }
  }
  movements.sort(byTimeThenRow);
  ipRows.sort(byTimeThenRow);
  return { movements, ipRows };
}

/**
 * The money that left, page by page: `select(page, into)` appends the page's movements (unsorted). The
 * worker uses it with an IpRowCollector for the ip rows, so they never become objects.
 */
export function movementSelector(options: Partial<MovementSelectionOptions> = {}): (page: LedgerPage, into: MoneyMovement[]) => void {
  const thresholds = parseThresholds(options.lossThresholds ?? new Map());
  const usernames = options.usernames ?? new Map<string, string>();
  const accountUsers = options.accountUsers ?? null;

  return (page, movements) => {
    const categories = kindCategories(page.kindNames);
    const threshold = thresholds.get(page.currency) ?? null;
    // |change| ≥ threshold ⇔ change ≤ −ceil(threshold · 10^scale) for an integer change at that scale.
    const lossLimit = threshold && !page.texts ? -ceilAtScale(threshold, page.scale) : null;
    // The typed changes compared as two 32-bit words each: reading a BigInt64Array element makes a BigInt.
    const words = page.texts || !LITTLE_ENDIAN ? null : new Int32Array(page.changes.buffer, page.changes.byteOffset, page.changes.length * 2);
    const limit = lossLimit === null ? null : lossLimit < INT64_MIN ? { hi: -Infinity, lo: 0 } : wordsOf(lossLimit);
    const negativeThreshold = threshold ? { int: -threshold.int, scale: threshold.scale } : null;
    let ipByRow: Map<number, string> | null = null;
    const chain = { accountKey: page.accountKey, userId: page.userId, currency: page.currency };
    const username = usernames.get(`${page.accountKey}|${page.userId}`) ?? null;
    // A transfer to the account's own main or subaccount moves money inside the account: it does not leave.
    const ownUsers = accountUsers?.get(page.accountKey) ?? null;
    const staysInside = (i: number): boolean =>
      ownUsers !== null && categories[page.kindCodes[i] ?? 0] === TRANSFER && ownUsers.has(page.otherUserIds[i] ?? -1);

    const kinds = page.kindNames.map((name) => canonicalKind(name));
    const movementAt = (i: number, change: string): MoneyMovement => {
      // Built on the first movement of the page only: most pages have none.
      if (ipByRow === null) ipByRow = new Map(page.ips);
      return {
        chain,
        rowId: page.ids[i] ?? 0,
        timestamp: page.timestamps[i] ?? 0,
        kind: kinds[page.kindCodes[i] ?? 0] ?? canonicalKind('unknown'),
        change,
        ip: ipByRow.get(i) ?? null,
        username,
      };
    };
    const changeText = (i: number): string =>
      page.texts ? (page.texts.changes[i] ?? '0') : formatScaled(page.changes[i] ?? 0n, page.scale);

    for (let i = 0; i < page.count; i++) {
      const category = categories[page.kindCodes[i] ?? 0] ?? OTHER;
      // Most rows are neither money out nor judged against a threshold: skip them without reading amounts.
      if (category === OTHER && threshold === null) continue;
      let selected: boolean;
      if (page.texts) {
        // Rare fallback page (an amount beyond int64): decimal comparison on the texts.
        const change = parseScaled(page.texts.changes[i] ?? '0');
        selected = change.int < 0n && (category !== OTHER || (negativeThreshold !== null && compareScaled(change, negativeThreshold) <= 0));
      } else if (words !== null) {
        const hi = words[2 * i + 1] as number;
        selected = category === OTHER ? limit !== null && (hi < limit.hi || (hi === limit.hi && (words[2 * i] as number) >>> 0 <= limit.lo)) : hi < 0;
      } else {
        const change = page.changes[i] ?? 0n;
        selected = category === OTHER ? lossLimit !== null && change <= lossLimit : change < 0n;
      }
      if (selected && !staysInside(i)) movements.push(movementAt(i, changeText(i)));
    }
  };
}
