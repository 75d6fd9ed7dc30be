import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";

/** Handles one request on its path; the URL is parsed already. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
export type HttpRoute = { path: string; handle: HttpHandler };
export type RunningHttpServer = { url: string; port: number; close(): Promise<void> };

/** An error a handler throws to answer with a status and a short plain-text reason. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpStatusError";
  }
}

/** Answers with a status and a plain-text (or given type) body. */
export function reply(
  res: ServerResponse,
  status: number,
  body = "",
  type = "text/plain; charset=utf-8",
): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Reads a request body, refusing more than `limit` bytes with 413. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new HttpStatusError(413, "body too large");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpStatusError(413, "body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The small HTTP server of the chat channels (Telegram webhook, WeCom callback), on node:http:
 * two routes do not need a framework, and node:http keeps the request path free of surprises.
 * Every route is exact; `GET /healthz` answers `ok`; an unknown path is 404; a thrown error
 * is logged and answered 500 (or its HttpStatusError status). This is the one error boundary
 * of HTTP entry points.
 */
export async function startHttpServer(options: {
  host: string;
  port: number;
  routes: readonly HttpRoute[];
  /** Answers every path no route takes (the office console) instead of 404. */
  fallback?: HttpHandler;
  /** Whether the database answers: `/healthz` says 503 when it does not. */
  health?: () => Promise<boolean>;
  log: Logger;
}): Promise<RunningHttpServer> {
  const { log } = options;
  const routes = new Map(options.routes.map((r) => [r.path, r.handle]));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const handle = routes.get(url.pathname);
    const work =
      url.pathname === "/healthz"
        ? healthz(res, options.health)
        : handle
          ? handle(req, res, url)
          : options.fallback
            ? options.fallback(req, res, url)
            : Promise.resolve(reply(res, 404, "not found"));
    work.catch((err: unknown) => {
      const status = err instanceof HttpStatusError ? err.status : 500;
      if (status >= 500) log.error({ err, path: url.pathname }, "http request failed");
      else log.warn({ status, path: url.pathname, reason: (err as Error).message }, "http request refused");
      if (!res.headersSent) reply(res, status, status >= 500 ? "internal error" : (err as Error).message);
      else res.end();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info({ url, routes: [...routes.keys()] }, "http server listening");
  return {
    url,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/** `GET /healthz`: 200 "ok" while the database answers (a load balancer's check), 503 when it does not. */
async function healthz(res: http.ServerResponse, health?: () => Promise<boolean>): Promise<void> {
  if (!health || (await health())) reply(res, 200, "ok");
  else reply(res, 503, "database unreachable");
}
