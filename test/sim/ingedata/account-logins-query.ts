/**
 * GET /api/v3/iam/account_logins: JSON:API paging (`page[number]`, `page[size]`, defaults 1 and 1000),
 * `sort` (comma list of date|id|role, `-` = descending; default id ascending), `count=true`, `filter[...]`
 * and `included[]` (account, account.person). Undocumented parts follow the simulator's options.
 */
import type { LoginDataset, SimLogin } from './login-dataset';
import { renderAccount, renderLogin, renderPerson, type RenderOptions } from './login-record-json';
import type { CountLocation, DateFilterMode, SortSupport } from './sim-types';

export class PulseHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  body(): string {
    return JSON.stringify({ message: this.message });
  }
}

export interface QueryOptions {
  readonly render: RenderOptions;
  readonly countLocation: CountLocation;
  readonly dateFilter: DateFilterMode;
  /** Absent = 'all'. */
  readonly sortSupport?: SortSupport;
  readonly maxPageSize: number | null;
  /** Retention: logins before this ms are gone (null = all kept). */
  readonly keepsSince?: () => number | null;
}

/** The sort keys the server actually applies (it validates them all, then honours what it honours). */
function honoured(keys: { field: Field; desc: boolean }[], support: SortSupport, asked: boolean): { field: Field; desc: boolean }[] {
  if (!asked || support === 'all') return keys;
  if (support === 'none') return [{ field: 'id', desc: false }];
  if (support === 'first-field') return keys.slice(0, 1).concat([{ field: 'id', desc: false }]);
  return keys.map((k) => ({ field: k.field, desc: false }));
}

type Field = 'date' | 'id' | 'role';
const SORTABLE: readonly Field[] = ['date', 'id', 'role'];

/** µs since epoch: the precision the server compares dates at. */
function micros(login: SimLogin, o: RenderOptions): number {
  return login.dateMs * 1000 + (o.dateFormat === 'iso-micro-offset' ? login.micros : 0);
}

function parseDateParam(key: string, text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new PulseHttpError(400, `Invalid date for ${key}: ${text}`);
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  return ms * 1000 + Number(fraction.padEnd(6, '0').slice(3, 6));
}

function positiveInt(params: URLSearchParams, key: string, fallback: number): number {
  const text = params.get(key);
  if (text === null) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new PulseHttpError(400, `Invalid ${key}: ${text}`);
  return Number(text);
}

function sortKeys(text: string | null): { field: Field; desc: boolean }[] {
  if (text === null || text === '') return [{ field: 'id', desc: false }];
  return text.split(',').map((part) => {
    const desc = part.startsWith('-');
    const field = (desc ? part.slice(1) : part).trim();
    if (!SORTABLE.includes(field as Field)) throw new PulseHttpError(400, `Invalid sort field: ${field}`);
    return { field: field as Field, desc };
  });
}

type Predicate = (login: SimLogin) => boolean;

function filters(params: URLSearchParams, dataset: LoginDataset, o: QueryOptions): Predicate[] {
  const out: Predicate[] = [];
  for (const [key, value] of params) {
    const m = /^filter\[(\w+)\](?:\[(\w+)\])?$/.exec(key);
    if (!m) continue;
    if (o.dateFilter === 'ignore') continue;
    if (o.dateFilter === 'reject') throw new PulseHttpError(400, `Invalid filter: ${key}`);
    const [, field, op = 'eq'] = m;
    if (field === 'date') {
      const bound = parseDateParam(key, value);
      const at = (l: SimLogin): number => micros(l, o.render);
      const ops: Record<string, Predicate> = {
        eq: (l) => at(l) === bound,
        gt: (l) => at(l) > bound,
        gte: (l) => at(l) >= bound,
        lt: (l) => at(l) < bound,
        lte: (l) => at(l) <= bound,
      };
      const predicate = ops[op];
      if (!predicate) throw new PulseHttpError(400, `Invalid filter operator: ${key}`);
      out.push(predicate);
      continue;
    }
    if (op !== 'eq') throw new PulseHttpError(400, `Invalid filter operator: ${key}`);
    if (field === 'id') out.push((l) => String(l.id) === value);
    else if (field === 'role') out.push((l) => l.role === value);
    else if (field === 'ip') out.push((l) => l.ip === value);
    else if (field === 'account_id') out.push((l) => String(dataset.accounts[l.account]?.id) === value);
    else throw new PulseHttpError(400, `Invalid filter: ${key}`);
  }
  return out;
}

function included(params: URLSearchParams): { account: boolean; person: boolean } {
  const asked = [...params.getAll('included[]'), ...params.getAll('included').flatMap((v) => v.split(','))];
  for (const name of asked) {
    if (name !== 'account' && name !== 'account.person') throw new PulseHttpError(400, `Invalid included resource: ${name}`);
  }
  return { account: asked.length > 0, person: asked.includes('account.person') };
}

function ordered(logins: SimLogin[], keys: { field: Field; desc: boolean }[], o: RenderOptions): SimLogin[] {
  const first = keys[0];
  // The dataset is ascending by (date, id): the two usual orders need no sort.
  if (keys.length <= 2 && first?.field === 'date' && (keys[1] === undefined || (keys[1].field === 'id' && keys[1].desc === first.desc))) {
    return first.desc ? logins.reverse() : logins;
  }
  const value = (l: SimLogin, f: Field): number | string => (f === 'date' ? micros(l, o) : f === 'id' ? l.id : l.role);
  return logins.sort((a, b) => {
    for (const { field, desc } of keys) {
      const x = value(a, field);
      const y = value(b, field);
      if (x !== y) return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
}

function meta(location: CountLocation, total: number, count: boolean): string {
  if (!count || location === 'absent') return '';
  if (location === 'meta.count') return `,"meta":{"count":${total}}`;
  if (location === 'meta.total') return `,"meta":{"total":${total}}`;
  return `,"meta":{"page":{"total":${total}}}`;
}

/** The response body for one request (throws PulseHttpError for a 400). */
export function answerAccountLogins(dataset: LoginDataset, params: URLSearchParams, o: QueryOptions): string {
  const pageNumber = positiveInt(params, 'page[number]', 1);
  const requested = positiveInt(params, 'page[size]', 1000);
  const size = o.maxPageSize === null ? requested : Math.min(requested, o.maxPageSize);
  const keys = honoured(sortKeys(params.get('sort')), o.sortSupport ?? 'all', params.get('sort') !== null);
  const predicates = filters(params, dataset, o);
  const include = included(params);
  const since = o.keepsSince?.() ?? null;
  const matching = dataset.logins.filter((l) => (since === null || l.dateMs >= since) && predicates.every((p) => p(l)));
  const page = ordered(matching, keys, o.render).slice((pageNumber - 1) * size, pageNumber * size);

  const data: string[] = [];
  const side = new Map<string, string>();
  for (const login of page) {
    const account = dataset.accounts[login.account];
    if (!account) throw new Error(`login ${login.id} has no account`);
    data.push(renderLogin(login, account, o.render));
    if (include.account) side.set(`a${account.id}`, renderAccount(account));
    const person = include.person ? renderPerson(account) : null;
    if (person !== null && account.person) side.set(`p${account.person.id}`, person);
  }
  const includedText = include.account ? `,"included":[${[...side.values()].join(',')}]` : '';
  return `{"data":[${data.join(',')}]${includedText}${meta(o.countLocation, matching.length, params.get('count') === 'true')}}`;
}
