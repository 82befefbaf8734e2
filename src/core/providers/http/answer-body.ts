/**
 * Reading an answer's body as UTF-8 text, with a size cap. `response.text()` would hold any size the
 * server sends (twice: bytes and text, then the parsed JSON many times over); here the read stops as soon
 * as the cap is passed, and a declared Content-Length over the cap is refused before reading at all.
 * Bytes that are not UTF-8 are refused too: replacing them with U+FFFD would store altered text as if it
 * were what the provider sent.
 */
import { ProviderError } from '../deribit/errors';

/** Generous: a Deribit page of 1,000 access-log events or 250 log rows is well under 1 MB. */
export const DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** Why a body was refused: too large (declared or counted) or not UTF-8. */
export class AnswerRefused extends Error {
  constructor(
    readonly problem: 'too-large' | 'not-utf8',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'AnswerRefused';
  }
}

/** `16 MB`, `64 KB`, `1000 bytes`: the cap as the user reads it. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/**
 * The body as text, at most `maxBytes` bytes of it. Throws AnswerRefused (the read cancelled, the
 * connection released) when the body is larger or not UTF-8; anything else thrown is a transport failure.
 */
export async function readAnswerText(response: Response, maxBytes: number): Promise<string> {
  const body = response.body;
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > maxBytes) {
    await body?.cancel().catch(() => undefined);
    throw new AnswerRefused('too-large', `Content-Length ${declared.trim()} exceeds the ${maxBytes}-byte cap`);
  }
  if (body === null) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let total = 0;
  const refuse = async (problem: AnswerRefused['problem'], reason: string): Promise<never> => {
    await reader.cancel().catch(() => undefined);
    throw new AnswerRefused(problem, reason);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) await refuse('too-large', `more than ${maxBytes} bytes (read ${total}, then stopped)`);
    try {
      parts.push(decoder.decode(value, { stream: true }));
    } catch {
      await refuse('not-utf8', `invalid UTF-8 within the first ${total} bytes`);
    }
  }
  try {
    parts.push(decoder.decode());
  } catch {
    throw new AnswerRefused('not-utf8', `the body (${total} bytes) ends inside a UTF-8 sequence`);
  }
  return parts.join('');
}

/** The non-retriable error for a refused body, worded with the service's name. */
export function answerRefusedError(service: string, refused: AnswerRefused, maxBytes: number, where: string): ProviderError {
  const userMessage =
    refused.problem === 'too-large'
      ? `${service} sent an answer larger than ${sizeText(maxBytes)}, which the app refuses: nothing from it was stored. Check the address (a wrong base URL or a proxy can send a huge page); if it is right and this persists, please report it.`
      : `${service} sent text that is not valid UTF-8, which the app refuses: nothing from it was stored. Check the address (a wrong base URL or a proxy can send such a page); if it is right and this persists, please report it.`;
  return new ProviderError({
    kind: 'malformed_response',
    code: null,
    detail: `${where}: answer refused: ${refused.reason}`,
    userMessage,
    retriable: false,
  });
}
