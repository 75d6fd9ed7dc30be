import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";
import type { AppDeps } from "../app/app-deps.ts";
import type { Viewer } from "../app/web/viewer.ts";
import type { WebChannel } from "../channels/web/web-channel.ts";
import type { WebTexts } from "../content/web-texts.ts";

/** What the console's routes are given besides the request. */
export type WebConsoleOptions = {
  /** The running simulator channel, when the product runs it (the `web` channel). */
  simulator?: () => WebChannel | undefined;
  /** Resolves when the replies of the messages just handled are delivered (the simulator waits for them). */
  settled?: () => Promise<void>;
};

/** Per-request values the middleware sets for the routes. */
export type WebVariables = {
  deps: AppDeps;
  options: WebConsoleOptions;
  t: WebTexts;
  /** The signed-in person, or null. */
  viewer: Viewer | null;
  /** The token every form of this page carries (the session's, or the anonymous cookie's). */
  csrf: string;
  /** The client's address, for throttling sign-in links. */
  client: string;
};

export type WebEnv = { Bindings: Partial<HttpBindings>; Variables: WebVariables };
export type WebContext = Context<WebEnv>;

/** The signed-in viewer of a route that requires one (the middleware has redirected otherwise). */
export function viewerOf(c: WebContext): Viewer {
  const viewer = c.get("viewer");
  if (!viewer) throw new Error("route needs a signed-in viewer");
  return viewer;
}

/** Query parameters as plain strings (the last value of a repeated one); empty ones are dropped. */
export function queryOf(c: WebContext): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ""));
}
