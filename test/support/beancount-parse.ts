/**
 * Reader for the Beancount subset the exporter writes (open, balance, `*` transactions with metadata
 * and postings, options, comments), plus an exact re-check of every assertion: tests must not trust
 * bean-check alone (it has tolerances) nor the writer's own arithmetic.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 100 });

export interface BcPosting {
  readonly account: string;
  readonly number: string;
  readonly currency: string;
}
export interface BcTransaction {
  readonly date: string;
  readonly narration: string;
  readonly meta: Readonly<Record<string, string>>;
  readonly postings: BcPosting[];
}
export interface BcBalance {
  readonly date: string;
  readonly account: string;
  readonly number: string;
  readonly currency: string;
}
export interface BcLedger {
  readonly opens: Map<string, { date: string; currencies: string[] }>;
  readonly balances: BcBalance[];
  readonly transactions: BcTransaction[];
  /** `price` directives: "date commodity" → the quote (at most one per day and commodity). */
  readonly prices: Map<string, { number: string; currency: string }>;
}

const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const ACCOUNT = '((?:Assets|Liabilities|Equity|Income|Expenses)(?::[A-Z0-9][A-Za-z0-9-]*)+)';
const NUMBER = '(-?\\d+(?:\\.\\d+)?)';
const CURRENCY = "([A-Z][A-Z0-9'._-]*)";
const OPEN = new RegExp(`^${DATE} open ${ACCOUNT}(?: ${CURRENCY})?$`);
const BALANCE = new RegExp(`^${DATE} balance ${ACCOUNT} +${NUMBER} ${CURRENCY}$`);
const TXN = new RegExp(`^${DATE} \\* "([^"\\\\]*)"$`);
const META = /^ {2}([a-z][a-zA-Z0-9_-]*): "([^"]*)"$/;
const POSTING = new RegExp(`^ {2}${ACCOUNT} +${NUMBER} ${CURRENCY}$`);
const PRICE = new RegExp(`^${DATE} price ${CURRENCY} +${NUMBER} ${CURRENCY}$`);

export function parseBeancount(text: string): BcLedger {
  const ledger: BcLedger = { opens: new Map(), balances: [], transactions: [], prices: new Map() };
  let current: { date: string; narration: string; meta: Record<string, string>; postings: BcPosting[] } | null = null;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const fail = (): never => {
      throw new Error(`beancount line ${index + 1} not understood: ${JSON.stringify(line)}`);
    };
    if (line.startsWith('  ')) {
      if (current === null) fail();
      const meta = META.exec(line);
      const posting = POSTING.exec(line);
      if (meta?.[1] !== undefined && meta[2] !== undefined) current!.meta[meta[1]] = meta[2];
      else if (posting?.[1] && posting[2] && posting[3]) current!.postings.push({ account: posting[1], number: posting[2], currency: posting[3] });
      else fail();
      return;
    }
    current = null;
    if (line === '' || line.startsWith(';') || line.startsWith('option ')) return;
    let m = OPEN.exec(line);
    if (m?.[1] && m[2]) {
      if (ledger.opens.has(m[2])) throw new Error(`account opened twice: ${m[2]}`);
      ledger.opens.set(m[2], { date: m[1], currencies: m[3] ? [m[3]] : [] });
      return;
    }
    m = BALANCE.exec(line);
    if (m?.[1] && m[2] && m[3] && m[4]) {
      ledger.balances.push({ date: m[1], account: m[2], number: m[3], currency: m[4] });
      return;
    }
    m = PRICE.exec(line);
    if (m?.[1] && m[2] && m[3] && m[4]) {
      const day = `${m[1]} ${m[2]}`;
      if (ledger.prices.has(day)) throw new Error(`two prices of ${m[2]} on ${m[1]}`);
      ledger.prices.set(day, { number: m[3], currency: m[4] });
      return;
    }
    m = TXN.exec(line);
    if (m?.[1] && m[2] !== undefined) {
      current = { date: m[1], narration: m[2], meta: {}, postings: [] };
      ledger.transactions.push(current);
      return;
    }
    fail();
  });
  return ledger;
}

/** Every problem found: unbalanced transactions, postings to unopened accounts, failing assertions (exact). */
export function verifyBeancount(ledger: BcLedger): string[] {
  const problems: string[] = [];
  for (const t of ledger.transactions) {
    const sums = new Map<string, Decimal>();
    for (const p of t.postings) {
      const open = ledger.opens.get(p.account);
      if (!open || open.date > t.date) problems.push(`${t.date} ${p.account} used before it is opened`);
      else if (open.currencies.length > 0 && !open.currencies.includes(p.currency)) problems.push(`${p.account} does not allow ${p.currency}`);
      sums.set(p.currency, (sums.get(p.currency) ?? new D(0)).plus(p.number));
    }
    for (const [currency, sum] of sums) if (!sum.isZero()) problems.push(`${t.date} "${t.narration}" does not balance: ${sum.toFixed()} ${currency}`);
  }
  for (const b of ledger.balances) {
    const open = ledger.opens.get(b.account);
    if (!open || open.date > b.date) problems.push(`balance on ${b.account} before it is opened`);
    const actual = balanceAt(ledger, b.account, b.currency, b.date);
    if (!actual.eq(b.number)) problems.push(`${b.date} balance ${b.account}: asserted ${b.number}, postings sum to ${actual.toFixed()}`);
  }
  return problems;
}

/** Sum of postings to an account dated strictly before `date` (a balance assertion's meaning). */
export function balanceAt(ledger: BcLedger, account: string, currency: string, date: string): Decimal {
  let sum = new D(0);
  for (const t of ledger.transactions) {
    if (t.date >= date) continue;
    for (const p of t.postings) if (p.account === account && p.currency === currency) sum = sum.plus(p.number);
  }
  return sum;
}

/** Debian's bean-check (package beancount); tests that need it skip, saying so, where it is absent. */
export const BEAN_CHECK = '/usr/bin/bean-check';
export const hasBeanCheck = existsSync(BEAN_CHECK);

/**
 * Writes `files` (name → text) into `dir` and runs bean-check on `entry`; returns its output ('' when
 * clean), throws with bean-check's complaints otherwise.
 */
export function beanCheckFiles(dir: string, files: Readonly<Record<string, string>>, entry: string): string {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  try {
    return execFileSync(BEAN_CHECK, [join(dir, entry)], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`bean-check ${entry} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`, { cause: e });
  }
}
