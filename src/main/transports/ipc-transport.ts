/**
 * The Electron IPC transport: one `ipcMain.handle` per contract call, generated from CONTRACT_CALLS.
 * The wrapper checks the sender's frame before any handler runs (GitHub Desktop's pattern: no handler
 * can forget), and every answer is a CallEnvelope because Electron's IPC drops custom error fields.
 * Raw ipcMain is used only here (lint-enforced).
 */
import { ipcMain as electronIpcMain, type IpcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import {
  CONTRACT_CALLS,
  ipcCallChannel,
  ipcEventChannel,
  type CallEnvelope,
  type ContractCalls,
  type ContractEventName,
  type ContractEvents,
} from '../../shared/contract';
import { invokeContractCall, transportError } from './contract-invocation';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
/** The parts of a frame the trust check reads. */
export type SenderFrame = Pick<WebFrameMain, 'url' | 'parent'>;
/** True when the frame shows the app's own page (see app-url-policy.ts). */
export type TrustedFrameCheck = (frame: SenderFrame) => boolean;
/** Where events go: the main window's webContents, when there is one. */
export interface IpcEventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  readonly mainFrame: SenderFrame;
}

export interface IpcTransport {
  emit<E extends ContractEventName>(name: E, payload: ContractEvents[E]): void;
  /** Removes every handler registered here. */
  dispose(): void;
}

const REJECTED_SENDER: CallEnvelope<never> = {
  ok: false,
  error: transportError(
    'forbidden',
    'IPC sender rejected: not the app window main frame',
    'This request did not come from the app\'s own window and was refused.',
  ),
};

function isTrustedSender(event: IpcMainInvokeEvent, isTrustedFrame: TrustedFrameCheck): boolean {
  try {
    // senderFrame is null once the frame navigated away or was destroyed.
    const frame = event.senderFrame;
    if (!frame) return false;
    if (frame.parent !== null) return false; // subframes never speak for the app
    return isTrustedFrame(frame);
  } catch {
    return false;
  }
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: ContractCalls,
  isTrustedFrame: TrustedFrameCheck,
  eventTarget: () => IpcEventTarget | null = () => null,
): IpcTransport {
  for (const name of CONTRACT_CALLS) {
    ipcMain.handle(ipcCallChannel(name), async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event, isTrustedFrame)) return REJECTED_SENDER;
      // A call carries exactly one argument object; extra arguments are a malformed request.
      return invokeContractCall(handlers, name, args.length === 1 ? args[0] : undefined);
    });
  }

  return {
    emit(name, payload) {
      const target = eventTarget();
      if (!target || target.isDestroyed()) return;
      // Events go only to the app's own page, never to whatever the window might show instead.
      if (!isTrustedFrame(target.mainFrame)) return;
      target.send(ipcEventChannel(name), payload);
    },
    dispose() {
      for (const name of CONTRACT_CALLS) ipcMain.removeHandler(ipcCallChannel(name));
    },
  };
}

/** The same, on Electron's own ipcMain (kept here so raw ipcMain never leaves this module). */
export function registerContractIpc(
  handlers: ContractCalls,
  isTrustedFrame: TrustedFrameCheck,
  eventTarget: () => IpcEventTarget | null,
): IpcTransport {
  return registerIpcHandlers(electronIpcMain, handlers, isTrustedFrame, eventTarget);
}
