/** A file server on 127.0.0.1 for URL imports: it serves set bodies, can require a header and can allow CORS. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedFile {
  body: string;
  contentType: string;
}

export interface FileServerRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FileServerOptions {
  /** The origin the server allows with CORS headers; null sends none, so browsers refuse the response. */
  allowOrigin: string | null;
  /** When set, a GET without this exact Authorization header gets 401. */
  authorization?: string;
}

export interface FileServer {
  url(path: string): string;
  requests: FileServerRequest[];
  /** Serves `file` at `path` from now on. */
  serve(path: string, file: ServedFile): void;
  close(): Promise<void>;
}

export async function startFileServer(options: FileServerOptions): Promise<FileServer> {
  const files = new Map<string, ServedFile>();
  const requests: FileServerRequest[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ method: request.method ?? '', path, headers: request.headers });
    if (options.allowOrigin) {
      response.setHeader('Access-Control-Allow-Origin', options.allowOrigin);
      response.setHeader('Access-Control-Allow-Methods', 'GET');
      response.setHeader('Access-Control-Allow-Headers', 'authorization');
      response.setHeader('Vary', 'Origin');
    }
    if (request.method === 'OPTIONS') {
      response.statusCode = 204;
      response.end();
      return;
    }
    if (options.authorization && request.headers.authorization !== options.authorization) {
      response.statusCode = 401;
      response.end('Unauthorized');
      return;
    }
    const file = files.get(path.split('?')[0]);
    if (!file) {
      response.statusCode = 404;
      response.end('Not found');
      return;
    }
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    serve: (path, file) => files.set(path, file),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Returns a port on 127.0.0.1 where nothing listens: one the system handed out and that was closed again. */
export async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
