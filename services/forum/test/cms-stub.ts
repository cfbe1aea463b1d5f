import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Representation {
  __typename: string;
  documentId: string;
}

/**
 * Stands in for the CMS at the one question the forum asks it — `_entities` for the documents a write names
 * — so the forum's suite runs without Strapi. It answers like the CMS's `_entities`: null for a document that
 * is not published. The real CMS is asked in gateway/test/references.test.ts.
 */
export class CmsStub {
  /** Every representation the forum asked about, in order. */
  readonly asked: Representation[] = [];
  private readonly unpublished = new Set<string>();
  /** What `_entities` answers for a document beyond its __typename (a project's title, city, fields). */
  private readonly documents = new Map<string, Record<string, unknown>>();
  private mode: 'answer' | 'fail' | 'garbage' | 'silent' = 'answer';
  private readonly sockets = new Set<import('node:net').Socket>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<CmsStub> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const stub = new CmsStub(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('connection', (socket) => {
      stub.sockets.add(socket);
      socket.on('close', () => stub.sockets.delete(socket));
    });
    server.on('request', (request, response) => stub.answer(request, response));
    return stub;
  }

  /** Published unless said otherwise: tests that do not care about references need not list them. */
  unpublish(type: string, documentId: string) {
    this.unpublished.add(`${type}:${documentId}`);
  }

  /** A published document with its fields (and publishes it again if it was unpublished). */
  publish(type: string, documentId: string, fields: Record<string, unknown>) {
    this.unpublished.delete(`${type}:${documentId}`);
    this.documents.set(`${type}:${documentId}`, fields);
  }

  /** A published workshop as the CMS would answer it (title, startsAt, registration { … }). */
  setWorkshop(documentId: string, fields: Record<string, unknown>) {
    this.publish('Workshop', documentId, { documentId, ...fields });
  }

  /** `fail`: HTTP 500; `garbage`: not JSON; `silent`: never answers; `answer`: back to normal. */
  behave(mode: CmsStub['mode']) {
    this.mode = mode;
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse) {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (this.mode === 'silent') return;
      if (this.mode === 'fail') return void response.writeHead(500).end('Internal Server Error');
      if (this.mode === 'garbage') return void response.writeHead(200).end('<html>maintenance</html>');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables: { representations: Representation[] };
      };
      if (!body.query.includes('_entities')) {
        return void response
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"errors":[{"message":"stub answers _entities only"}]}');
      }
      const representations = body.variables.representations;
      this.asked.push(...representations);
      const entities = representations.map((r) =>
        this.unpublished.has(`${r.__typename}:${r.documentId}`)
          ? null
          : { __typename: r.__typename, ...this.documents.get(`${r.__typename}:${r.documentId}`) },
      );
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ data: { _entities: entities } }));
    });
  }

  async close() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
