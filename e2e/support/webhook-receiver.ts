/**
 * A webhook receiver for end-to-end tests: an HTTP server on 127.0.0.1 with an ephemeral port that records
 * each POST's JSON body and headers, responds with scripted statuses, and allows or rejects CORS per path.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body text, so tests can compare exact JSON. */
  text: string;
  body: unknown;
  status: number;
}

export class WebhookReceiver {
  readonly #server: Server;
  readonly #requests: ReceivedRequest[] = [];
  readonly #statuses = new Map<string, number[]>();
  readonly #corsRejected = new Set<string>();

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request, response) => {
      const path = request.url ?? '/';
      const origin = request.headers.origin ?? '*';
      const allowsCors = !receiver.#corsRejected.has(path);
      const corsHeaders: Record<string, string> = allowsCors ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
      if (request.method === 'OPTIONS') {
        response.writeHead(204, allowsCors
          ? {
              ...corsHeaders,
              'Access-Control-Allow-Methods': 'POST',
              'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? 'content-type',
              'Access-Control-Max-Age': '0',
            }
          : {});
        response.end();
        return;
      }
      if (request.method !== 'POST') {
        response.writeHead(200, corsHeaders);
        response.end();
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = receiver.#statuses.get(path)?.shift() ?? 200;
        receiver.#requests.push({ path, headers: request.headers, text, body: JSON.parse(text) as unknown, status });
        response.writeHead(status, { ...corsHeaders, 'Content-Type': 'application/json' });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${path}`;
  }

  /** POSTs received on `path`, in arrival order. */
  received(path: string): ReceivedRequest[] {
    return this.#requests.filter((request) => request.path === path);
  }

  /** Sets the statuses of the next POSTs on `path`, in order; later ones get 200. */
  respondWith(path: string, statuses: number[]): void {
    this.#statuses.set(path, [...statuses]);
  }

  /** Makes preflight responses on `path` lack Access-Control-Allow-Origin, as from a receiver without CORS. */
  rejectCors(path: string): void {
    this.#corsRejected.add(path);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
