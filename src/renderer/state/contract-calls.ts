/**
 * The UI's way to call the main process: the contract call plus connectivity bookkeeping (a
 * 'network' failure marks the app offline, any answer marks it reachable again).
 */
import type { CallArgs, CallResult, ContractCallName } from '../../shared/contract';
import { getApi, SERVICE_UNREACHABLE_MESSAGE } from '../api/renderer-api';
import { useConnectivity } from './connectivity-store';
import { toShownError } from './error-message';

export async function callContract<N extends ContractCallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  try {
    const result = await getApi().call(name, args);
    useConnectivity.getState().reportCallSuccess();
    return result;
  } catch (error) {
    const shown = toShownError(error);
    // Only the app's own service being unreachable means "offline"; a provider that cannot be reached
    // reports per account (providerStatus), and a failed key check names its URL without flipping the header.
    if (shown.kind === 'network' && shown.message === SERVICE_UNREACHABLE_MESSAGE) useConnectivity.getState().reportCallFailure(shown.kind, shown.message);
    else useConnectivity.getState().reportCallSuccess();
    throw error;
  }
}
