/** Public surface of the Deribit provider: the client, its option and status types, and the pure pieces. */
export { DeribitClient, type DeribitClientOptions, type ProviderStatus } from './deribit-client';
export type { FetchFn } from './json-rpc-http';
export { evaluateScope } from './granted-scope';
export { signClientSignature } from './client-signature';
export { DEFAULT_RATE_LIMITS, RateScheduler, monotonicClock, systemClock, type Clock, type RateLimits, type CreditLimits, type PacingSlot, type TxLogMargin, type TxLogStats } from './rate-scheduler';
export { DEFAULT_RETRY, type RetryOptions } from './retry-loop';
export { parseEnvelope, toAccessLogPage, toTransactionLogPage, toTransactionLogRow, toAccessLogEvent } from './lossless-response';
export { toWalletListPage, toWalletRecord } from './wallet-responses';
export { ProviderError, isProviderError, type ProviderErrorInfo, type ProviderErrorKind } from './errors';
export * from './types';
