/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { listOutbox, UNDELIVERED } from "../../app/outbox/list-outbox.ts";
import { requireFeature } from "../../app/web/console-access.ts";
import { isOutboxStatus } from "../../domain/outbox-item.ts";
import { pageContext } from "../layout.tsx";
import { OutboxPage } from "../pages/outbox-page.tsx";
import { viewerOf, type WebEnv } from "../web-env.ts";

/** The latest this many: a page an admin reads, not an export. */
const PAGE_ROWS = 200;

/** 消息投递 (admins): outgoing messages that did not go out, as `xunjian outbox` lists them. */
export function outboxRoutes(app: Hono<WebEnv>): void {
  app.get("/outbox", async (c) => {
    const deps = c.get("deps");
    requireFeature(viewerOf(c).person.role, "outbox", deps.content.web.errors.forbidden);
    const asked = c.req.query("status");
    const status = asked !== undefined && isOutboxStatus(asked) ? asked : null;
    const rows = await deps.uow.read((s) => listOutbox(s, status ? [status] : UNDELIVERED, PAGE_ROWS));
    return c.html(<OutboxPage p={pageContext(c)} rows={rows} status={status} />);
  });
}
