// Hostile graphql-ws sessions: wrong subprotocols, frames that are not the protocol, messages out of order.
import WebSocket from 'ws';

export interface WebSocketOutcome {
  kind: string;
  /** The close code the server chose (or 0 when it kept the socket open until we closed it). */
  closeCode: number;
  /** Text the server sent, to look for leaks. */
  received: string;
}

interface HostileSession {
  kind: string;
  protocol: string | string[] | undefined;
  frames: (string | Buffer)[];
}

const init = JSON.stringify({ type: 'connection_init', payload: {} });
const subscribe = (id: unknown, payload: unknown) => JSON.stringify({ type: 'subscribe', id, payload });

export function hostileSession(next: () => number): HostileSession {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const sessions: HostileSession[] = [
    {
      kind: 'wrong subprotocol',
      protocol: pick<string | string[]>(['graphql-ws', 'foo', ['x', 'graphql-transport-ws']]),
      frames: [init],
    },
    { kind: 'no subprotocol', protocol: undefined, frames: [init] },
    {
      kind: 'not JSON',
      protocol: 'graphql-transport-ws',
      frames: [pick(['{', 'hello', '\u0000', '[]', 'null'])],
    },
    { kind: 'binary frame', protocol: 'graphql-transport-ws', frames: [Buffer.from([0xff, 0x00, 0xfe])] },
    { kind: 'no type', protocol: 'graphql-transport-ws', frames: [JSON.stringify({ payload: {} })] },
    {
      kind: 'unknown type',
      protocol: 'graphql-transport-ws',
      frames: [init, JSON.stringify({ type: 'nope' })],
    },
    {
      kind: 'subscribe before init',
      protocol: 'graphql-transport-ws',
      frames: [subscribe('1', { query: '{ __typename }' })],
    },
    { kind: 'init twice', protocol: 'graphql-transport-ws', frames: [init, init] },
    {
      kind: 'bad connection params',
      protocol: 'graphql-transport-ws',
      frames: [
        JSON.stringify({
          type: 'connection_init',
          payload: pick([{ authorization: 'Bearer x.y.z' }, { authorization: 42 }, 'x', [1], { apiKey: {} }]),
        }),
      ],
    },
    {
      kind: 'bad subscribe payloads',
      protocol: 'graphql-transport-ws',
      frames: [
        init,
        subscribe(pick([1, null, '', 'x'.repeat(10_000), {}]), { query: '{ __typename }' }),
        subscribe(
          '2',
          pick([
            null,
            'x',
            { query: 1 },
            { query: '{' },
            { query: '{ nope }' },
            { query: 'subscription { postAdded(threadId: 1) { id } }' },
          ]),
        ),
        subscribe('3', { query: 'query A { __typename } query B { __typename }' }),
      ],
    },
    {
      kind: 'duplicate subscription id',
      protocol: 'graphql-transport-ws',
      frames: [
        init,
        subscribe('same', { query: 'subscription { notificationAdded { id } }' }),
        subscribe('same', { query: 'subscription { notificationAdded { id } }' }),
      ],
    },
    {
      kind: 'oversized frame',
      protocol: 'graphql-transport-ws',
      frames: [init, subscribe('1', { query: `{ __typename } #${'x'.repeat(2_000_000)}` })],
    },
    {
      kind: 'complete and ping noise',
      protocol: 'graphql-transport-ws',
      frames: [
        init,
        JSON.stringify({ type: 'complete', id: 'never' }),
        JSON.stringify({ type: 'ping', payload: 'x'.repeat(1000) }),
      ],
    },
  ];
  return pick(sessions);
}

/** Plays one session against `url` and waits (at most `ms`) for the server to close or go quiet. */
export function play(url: string, session: HostileSession, ms = 1500): Promise<WebSocketOutcome> {
  return new Promise((resolve) => {
    let received = '';
    let settled = false;
    const socket = session.protocol === undefined ? new WebSocket(url) : new WebSocket(url, session.protocol);
    const finish = (closeCode: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)
        socket.terminate();
      resolve({ kind: session.kind, closeCode, received });
    };
    const timer = setTimeout(() => finish(0), ms);
    socket.on('open', () => {
      for (const frame of session.frames) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    });
    socket.on('message', (data) => {
      received += data.toString().slice(0, 2000);
    });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        received += body;
        finish(response.statusCode ?? 0);
      });
    });
    socket.on('close', (code) => finish(code));
    socket.on('error', () => finish(-1));
  });
}
