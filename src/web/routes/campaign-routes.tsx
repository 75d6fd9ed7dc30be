/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { campaignDetail, listCampaigns } from "../../app/web/campaigns.ts";
import { urgeSelfCheck } from "../../app/web/urge-self-check.ts";
import { pageContext } from "../layout.tsx";
import { CampaignPage, CampaignsPage } from "../pages/campaigns-page.tsx";
import { viewerOf, type WebEnv } from "../web-env.ts";

/** 自查活动: the list, one campaign with who has not submitted, and 催办. */
export function campaignRoutes(app: Hono<WebEnv>): void {
  app.get("/campaigns", async (c) => {
    const campaigns = await listCampaigns(c.get("deps"), viewerOf(c));
    return c.html(<CampaignsPage p={pageContext(c)} campaigns={campaigns} />);
  });
  app.get("/campaigns/:key", async (c) => {
    const d = await campaignDetail(c.get("deps"), viewerOf(c), c.req.param("key"));
    return c.html(<CampaignPage p={pageContext(c)} d={d} now={c.get("deps").clock.now()} />);
  });
  app.post("/campaigns/:key/urge", async (c) => {
    const deps = c.get("deps");
    const viewer = viewerOf(c);
    const body = await c.req.parseBody();
    const enterprise = typeof body.enterprise === "string" ? body.enterprise : undefined;
    const which = body.all === "1" ? ("all" as const) : enterprise ? [enterprise] : [];
    const result = await urgeSelfCheck(deps, viewer, c.req.param("key"), which);
    const d = await campaignDetail(deps, viewer, c.req.param("key"));
    return c.html(<CampaignPage p={pageContext(c)} d={d} now={deps.clock.now()} result={result} />);
  });
}
