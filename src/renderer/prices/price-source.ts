/**
 * Which Deribit a price comes from. Mainnet and testnet each have one price history whatever account asks;
 * the demo's simulator has its own seeded one (its address changes every run, its prices do not); a custom
 * base URL is its own source. Prices of different sources are never mixed.
 */
import type { AccountInfo } from '../../shared/contract';

export function priceSourceOf(account: Pick<AccountInfo, 'demo' | 'environment' | 'baseUrl'>): string {
  if (account.demo) return 'demo';
  if (account.environment === 'mainnet' || account.environment === 'testnet') return account.environment;
  return account.baseUrl;
}

export function priceSourceLabel(source: string): string {
  if (source === 'demo') return "the demo's simulated Deribit";
  if (source === 'mainnet') return 'Deribit';
  if (source === 'testnet') return 'Deribit testnet';
  return source;
}

export const priceStateKey = (source: string, indexName: string): string => `${source}|${indexName}`;
