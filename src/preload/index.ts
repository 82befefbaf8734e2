/**
 * The preload: exposes exactly the contract as `window.api` (RendererApi) and nothing else — never
 * ipcRenderer, never the IPC event object. Bundled into one CommonJS file because a sandboxed preload
 * can only `require('electron')`. Raw ipcRenderer is used only here (lint-enforced).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ProviderErrorInfo } from '../core/providers/deribit/errors';
import { encodeBridgedError, toProviderErrorInfo } from '../shared/bridged-call-error';
import {
  CONTRACT_CALLS,
  CONTRACT_EVENTS,
  ipcCallChannel,
  ipcEventChannel,
  type CallResult,
  type ContractCallName,
  type ContractEventName,
  type ContractEvents,
  type RendererApi,
} from '../shared/contract';

const CALL_NAMES: ReadonlySet<string> = new Set(CONTRACT_CALLS);
const EVENT_NAMES: ReadonlySet<string> = new Set(CONTRACT_EVENTS);

/** The bridge keeps only an Error's message, so the info travels inside it (see bridged-call-error.ts). */
function callError(info: ProviderErrorInfo): Error {
  return Object.assign(new Error(encodeBridgedError(info)), info);
}

function failure(kind: ProviderErrorInfo['kind'], detail: string, userMessage: string): Error {
  return callError({ kind, code: null, detail, userMessage, retriable: false });
}

async function call<N extends ContractCallName>(name: N, args: unknown): Promise<CallResult<N>> {
  if (typeof name !== 'string' || !CALL_NAMES.has(name)) {
    throw failure('method_not_found', `unknown call ${String(name)}`, 'The app asked for something this version does not provide.');
  }
  let envelope: unknown;
  try {
    envelope = await ipcRenderer.invoke(ipcCallChannel(name), args);
  } catch (error) {
    // Only when IPC itself failed (no handler yet, arguments that cannot be cloned).
    const detail = error instanceof Error ? error.message : String(error);
    throw failure('provider_error', `IPC ${name}: ${detail}`, 'The app could not reach its background process. Restart the app if this keeps happening.');
  }
  const e = envelope as { ok?: unknown; value?: unknown; error?: unknown } | null;
  if (e !== null && typeof e === 'object' && e.ok === true) return e.value as CallResult<N>;
  const info = e !== null && typeof e === 'object' && e.ok === false ? toProviderErrorInfo(e.error) : null;
  throw info ? callError(info) : failure('malformed_response', `IPC ${name}: not a call envelope`, 'The app\'s background process gave an unexpected answer. Restart the app.');
}

function on<E extends ContractEventName>(name: E, listener: (payload: ContractEvents[E]) => void): () => void {
  if (typeof name !== 'string' || !EVENT_NAMES.has(name)) throw new TypeError(`Unknown event: ${String(name)}`);
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
  const channel = ipcEventChannel(name);
  // The page gets the payload only; the IpcRendererEvent (and its sender) stays in the preload.
  const forward = (_event: unknown, payload: unknown): void => listener(payload as ContractEvents[E]);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const api: RendererApi = { call, on };

contextBridge.exposeInMainWorld('api', api);
