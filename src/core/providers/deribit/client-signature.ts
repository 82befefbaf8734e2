/**
 * Deribit `client_signature` grant: the secret signs `timestamp\nnonce\ndata` and never travels.
 * Both newlines are present even when `data` is empty.
 *
 * Web Crypto (not node:crypto) because src/core is also type-checked for the renderer, where Node
 * modules do not exist; `crypto.subtle` is global in Node 20 and in browsers alike.
 */
const encoder = new TextEncoder();

export async function signClientSignature(
  secret: string,
  timestamp: number,
  nonce: string,
  data: string,
): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}\n${nonce}\n${data}`));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}
