/**
 * Test support: a minimal EventSource for Node (which has none), over node:http — enough for the
 * renderer's HTTP client: named events, `data:` lines, comments ignored, close(). No reconnection.
 */
import { request, type ClientRequest } from 'node:http';
import type { EventSourceLike } from '../../../src/renderer/api/http-api';

type Listener = (event: { readonly data: unknown }) => void;

export class NodeEventSource implements EventSourceLike {
  static instances: NodeEventSource[] = [];
  readonly opened: Promise<number>;
  closed = false;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly req: ClientRequest;

  constructor(readonly url: string) {
    NodeEventSource.instances.push(this);
    let resolveOpen: (status: number) => void = () => undefined;
    this.opened = new Promise((resolve) => (resolveOpen = resolve));
    this.req = request(url, (res) => {
      resolveOpen(res.statusCode ?? 0);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
    });
    this.req.on('error', () => resolveOpen(0));
    this.req.end();
  }

  private dispatch(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length === 0) return;
    for (const listener of this.listeners.get(type) ?? []) listener({ data: data.join('\n') });
  }

  listenerCount(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }

  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.req.destroy();
  }
}
