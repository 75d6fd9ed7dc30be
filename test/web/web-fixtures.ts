import { createCampaign } from "../../src/app/campaign/manage-campaigns.ts";
import { loginLinkForPhone } from "../../src/app/web/login-links.ts";
import type { Campaign } from "../../src/domain/campaign/campaign.ts";
import { createWebConsole, type WebConsole } from "../../src/web/web-console.tsx";
import { shippedCampaigns } from "../app/campaign/campaign-harness.ts";
import { openTwoTickets, P, photo } from "../app/tickets/ticket-fixtures.ts";
import type { TestApp } from "../support/test-app.ts";
import { WebClient } from "./web-client.ts";

export { P };

/** The two tickets of the ticket fixtures: a general one (fixed, with before and after photos) and a major one. */
export const GENERAL = "YH-2026-000001";
export const MAJOR = "YH-2026-000002";

/** A grid worker of another grid (g1) than the tickets' enterprise (g3). */
export const OTHER_GRID_WORKER = P.otherGridWorker;

/**
 * The ledger of the fixtures: the chemicals head opens two tickets by self-check (the general one
 * with a photo), rectifies the general one with a photo of the fix, and the grid worker passes it.
 */
export async function ticketsWithPhotos(app: TestApp): Promise<void> {
  await openTwoTickets(app);
  const head = app.chat(P.head);
  for (const line of [`整改 ${GENERAL}`, "已清理通道内全部纸箱", photo("after-fix.png"), "完成", "提交"])
    await head.say(line);
  await app.chat(P.gridWorker).say(`通过 ${GENERAL}`);
  for (const phone of Object.values(P)) await app.chat(phone).pull();
}

/** The national-day self-check campaign of 2026, open (its deadline is 2026-09-24). */
export async function openCampaign(app: TestApp): Promise<Campaign> {
  const campaign = await createCampaign(app.deps, shippedCampaigns(), {
    templateId: "national_day",
    year: 2026,
  });
  await app.db.campaign.update({ where: { id: campaign.id }, data: { status: "open" } });
  return { ...campaign, status: "open" };
}

/** The console on a test app, in-process. */
export function consoleOf(app: TestApp): WebConsole {
  return createWebConsole(app.deps);
}

/** A browser signed in as the person with this phone, by a fresh sign-in link. */
export async function signedIn(web: WebConsole, app: TestApp, phone: string): Promise<WebClient> {
  const client = new WebClient(web.app);
  const link = await loginLinkForPhone(app.deps, phone, "test");
  await client.get(link.path);
  const done = await client.post(link.path);
  if (done.status !== 303) throw new Error(`sign-in failed with ${done.status}: ${done.html.slice(0, 300)}`);
  await client.get("/dashboard");
  return client;
}
