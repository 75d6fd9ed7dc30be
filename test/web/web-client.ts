import type { Hono } from "hono";
import type { WebEnv } from "../../src/web/web-env.ts";

/**
 * A browser without a browser: keeps cookies between requests to the console app in-process
 * (`app.request`), and the CSRF token of the last page it read.
 */
export class WebClient {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header seen, as sent (to check the attributes). */
  readonly setCookies: string[] = [];
  csrf = "";

  /** A console app to call in-process, or the base URL of a running server. */
  constructor(private readonly app: Hono<WebEnv> | string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res =
      typeof this.app === "string"
        ? await fetch(`${this.app}${path}`, { ...init, headers, redirect: "manual" })
        : await this.app.request(path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** GETs a page and keeps its CSRF token; answers the status and the HTML. */
  async get(path: string): Promise<{ status: number; html: string; res: Response }> {
    const res = await this.request(path);
    const html = await res.text();
    const token = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, html, res };
  }

  /** POSTs a form, with this browser's CSRF token unless `csrf: false`. */
  async post(
    path: string,
    form: Record<string, string> = {},
    options: { csrf?: boolean } = {},
  ): Promise<{ status: number; html: string; res: Response }> {
    const body = new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: this.csrf }), ...form });
    const res = await this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    return { status: res.status, html: await res.text(), res };
  }

  /** POSTs a multipart form (files), with the CSRF token. */
  async postMultipart(
    path: string,
    form: FormData,
  ): Promise<{ status: number; html: string; res: Response }> {
    form.set("_csrf", this.csrf);
    const res = await this.request(path, { method: "POST", body: form });
    return { status: res.status, html: await res.text(), res };
  }
}
