/** JSON-RPC errors the simulator answers with, and the HTTP status each travels with. */

export const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  [-32602]: 'Invalid params',
  [-32601]: 'Method not found',
  [-32600]: 'Invalid Request',
  10000: 'authorization_required',
  10028: 'too_many_requests',
  10040: 'retry',
  10041: 'settlement_in_progress',
  10066: 'too_many_concurrent_requests',
  11051: 'system_maintenance',
  11094: 'internal_server_error',
  13004: 'invalid_credentials',
  13009: 'unauthorized',
  13021: 'forbidden',
  13028: 'temporarily_unavailable',
  13888: 'timed_out',
};

export class RpcError extends Error {
  constructor(
    readonly code: number,
    readonly httpStatus: number,
    readonly data?: Record<string, unknown>,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code] ?? 'error');
  }
}

export function defaultHttpStatus(code: number): number {
  if (code === 13009 || code === 10000) return 401;
  if (code === 11094) return 500;
  if (code === 13028 || code === 11051) return 503;
  return 400;
}

export function invalidParams(param: string, reason: string): RpcError {
  return new RpcError(-32602, 400, { param, reason });
}
