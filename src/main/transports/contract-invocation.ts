/**
 * One contract call as both transports run it: check the name and the argument shape, call the
 * handler, and turn every outcome into a CallEnvelope. Nothing throws past this point, so no
 * transport can leak a stack trace or an internal error object to the page.
 */
import { isProviderError, type ProviderErrorInfo } from '../../core/providers/deribit/errors';
import {
  CONTRACT_CALLS,
  type CallEnvelope,
  type ContractCallName,
  type ContractCalls,
} from '../../shared/contract';

const CALL_NAMES: ReadonlySet<string> = new Set(CONTRACT_CALLS);

export function isContractCallName(name: unknown): name is ContractCallName {
  return typeof name === 'string' && CALL_NAMES.has(name);
}

/** A JSON-style object literal: not null, not an array, no class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function transportError(kind: ProviderErrorInfo['kind'], detail: string, userMessage: string): ProviderErrorInfo {
  return { kind, code: null, detail, userMessage, retriable: false };
}

/** Anything that is not a ProviderError: keep the message for diagnosis, never the stack. */
export function toErrorInfo(error: unknown): ProviderErrorInfo {
  if (isProviderError(error)) return error.toInfo();
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : 'non-Error value thrown';
  return {
    kind: 'provider_error',
    code: null,
    detail,
    userMessage: 'Something went wrong in the app while handling this request. Try again; if it keeps happening, restart the app.',
    retriable: false,
  };
}

export async function invokeContractCall(
  handlers: ContractCalls,
  name: unknown,
  args: unknown,
): Promise<CallEnvelope<unknown>> {
  if (!isContractCallName(name)) {
    return {
      ok: false,
      error: transportError('method_not_found', `unknown call ${String(name)}`, 'The app asked for something this version does not provide.'),
    };
  }
  if (!isPlainObject(args)) {
    return {
      ok: false,
      error: transportError('invalid_params', `${name}: arguments must be a plain object`, 'The app sent a malformed request. Reload the window and try again.'),
    };
  }
  try {
    // The name is checked and args is an object; each handler validates its own fields.
    const handler = handlers[name] as (a: unknown) => Promise<unknown>;
    const value = await handler.call(handlers, args);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}
