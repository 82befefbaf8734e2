/**
 * The renderer's API in the desktop app: `window.api` from the preload, with failures turned back into
 * ApiCallError. The contextBridge keeps only an Error's message, so the error info is read from it.
 */
import { decodeBridgedError, toProviderErrorInfo } from '../../shared/bridged-call-error';
import type { CallArgs, CallResult, ContractCallName, RendererApi } from '../../shared/contract';
import { ApiCallError } from './api-call-error';

export function toApiCallError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  // Fields survive when no bridge is in between (tests); otherwise they are in the message.
  const direct = toProviderErrorInfo(error);
  if (direct) return new ApiCallError(direct);
  const message = error instanceof Error ? error.message : String(error);
  const bridged = decodeBridgedError(message);
  if (bridged) return new ApiCallError(bridged);
  return new ApiCallError({
    kind: 'provider_error',
    code: null,
    detail: message,
    userMessage: 'Something went wrong while talking to the app. Try again; if it keeps happening, restart the app.',
    retriable: false,
  });
}

export function createIpcApi(bridge: RendererApi): RendererApi {
  return {
    call: async <N extends ContractCallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> => {
      try {
        return await bridge.call(name, args);
      } catch (error) {
        throw toApiCallError(error);
      }
    },
    on: (name, listener) => bridge.on(name, listener),
  };
}
