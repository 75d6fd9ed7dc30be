import path from "node:path";
import { DEMO, FIXTURES, type TestApp } from "../../support/test-app.ts";

export const photo = (name: string) => `/photo ${path.join(FIXTURES, name)}`;

/** Phones of the people around 华宁精细化工 (park p1, grid g3) and people outside its scope. */
export const P = {
  head: DEMO.chemicalsHead,
  otherHead: DEMO.smallVenueHead,
  gridWorker: DEMO.gridWorkerG3,
  otherGridWorker: "13800000001",
  leader: DEMO.leaderPark,
  districtLeader: DEMO.leaderDistrict,
  admin: DEMO.admin,
} as const;

/**
 * Opens two tickets the way a head would, through the fixture self-check: YH-2026-000001, a
 * blocked exit (general, with a "before" photo), and YH-2026-000002, open storage (major).
 */
export async function openTwoTickets(app: TestApp): Promise<void> {
  const head = app.chat(P.head);
  for (const line of [
    "自查",
    "否",
    photo("exit-blocked.png"),
    "完成",
    "纸箱堵住安全出口",
    "2",
    "1",
    "2",
    "跳过",
    photo("duty-room.png"),
    "完成",
  ])
    await head.say(line);
  const receipt = await head.say("提交");
  if (!receipt[0]?.text.includes("YH-2026-000002"))
    throw new Error(`unexpected receipt: ${receipt[0]?.text}`);
  // Leave the notices of the submission out of later assertions.
  for (const phone of Object.values(P)) await app.chat(phone).pull();
}
