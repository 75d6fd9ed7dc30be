import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import type { AppDeps } from "../app/app-deps.ts";
import { CONSOLE_CHANNEL } from "../channels/console/console-session.ts";
import { describeProblems, zodProblems } from "../content/content-problem.ts";
import { AppError } from "../domain/app-error.ts";
import { Industries } from "../domain/industry.ts";
import { newInviteCode } from "../domain/people/invite-code.ts";
import { Roles } from "../domain/people/role.ts";
import { seedHistory } from "./seed-history.ts";
import { seedDemoInspections } from "./seed-inspections.ts";

const DemoParkSchema = z.object({
  areas: z.array(
    z.object({ id: z.string(), name: z.string(), kind: z.string(), parent: z.string().optional() }),
  ),
  grids: z.array(z.object({ id: z.string(), name: z.string(), area: z.string() })),
  enterprises: z.array(
    z.object({
      creditCode: z.string(),
      name: z.string(),
      industry: z.enum(Industries),
      class: z.string().optional(),
      area: z.string(),
      grid: z.string().optional(),
      address: z.string().optional(),
    }),
  ),
  people: z.array(
    z.object({
      name: z.string(),
      phone: z.string(),
      role: z.enum(Roles),
      enterprise: z.string().optional(),
      grids: z.array(z.string()).optional(),
      areas: z.array(z.string()).optional(),
    }),
  ),
});

export type DemoPerson = { name: string; phone: string; role: string; enterprise: string | null };

/**
 * Seeds the demo park (areas, grids, enterprises of every industry, people of every role) when
 * the database has no enterprise yet, and binds each person to a console account named by their
 * phone, through a used invite code, exactly as a real binding would leave it. With `history`
 * (`xunjian start`; tests leave it out), the inspections of the last months too.
 */
export async function seedDemoIfEmpty(
  deps: AppDeps,
  options: { history?: boolean } = {},
): Promise<{ seeded: boolean; people: DemoPerson[] }> {
  const { uow, clock } = deps;
  if ((await uow.read((s) => s.enterprises.count())) > 0)
    return { seeded: false, people: await demoPeople(deps) };
  const file = path.join(deps.config.promptsDir, "demo", "demo-park.yaml");
  const parsed = DemoParkSchema.safeParse(YAML.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new AppError("invalid_content", describeProblems(zodProblems(file, parsed.error)));
  const park = parsed.data;
  const now = clock.now();
  await uow.run(async ({ directory }) => {
    await directory.addAreas(
      park.areas.map((a) => ({ id: a.id, name: a.name, kind: a.kind, parentId: a.parent ?? null })),
    );
    await directory.addGrids(park.grids.map((g) => ({ id: g.id, name: g.name, areaId: g.area })));
    const ids = new Map<string, string>();
    for (const e of park.enterprises) {
      const id = await directory.addEnterprise(e.creditCode, {
        name: e.name,
        industry: e.industry,
        supervisionClass: e.class ?? null,
        areaId: e.area,
        gridId: e.grid ?? null,
        address: e.address ?? null,
      });
      ids.set(e.creditCode, id);
    }
    for (const p of park.people) {
      const personId = await directory.addPerson(
        p.phone,
        { name: p.name, role: p.role, enterpriseId: p.enterprise ? (ids.get(p.enterprise) ?? null) : null },
        { gridIds: p.grids ?? [], areaIds: p.areas ?? [] },
      );
      await directory.addUsedInvite({
        code: newInviteCode(),
        personId,
        usedBy: `${CONSOLE_CHANNEL}:${p.phone}`,
        at: now,
      });
      await directory.addAccount({ channel: CONSOLE_CHANNEL, externalId: p.phone, personId, at: now });
    }
  });
  deps.log.info({ enterprises: park.enterprises.length, people: park.people.length }, "demo park seeded");
  if (options.history) await seedDemoInspections(deps);
  if (options.history) await seedHistory(deps);
  return { seeded: true, people: await demoPeople(deps) };
}

async function demoPeople(deps: AppDeps): Promise<DemoPerson[]> {
  const people = await deps.uow.read((s) => s.directory.boundOn(CONSOLE_CHANNEL));
  return people.map((p) => ({
    name: p.name,
    phone: p.phone,
    role: p.role,
    enterprise: p.enterprise?.name ?? null,
  }));
}
