import { AppError } from "../../domain/app-error.ts";
import type { Enterprise } from "../../domain/enterprise.ts";
import { newInviteCode } from "../../domain/people/invite-code.ts";
import type { Person } from "../../domain/people/person.ts";
import type { ImportResult } from "../../import/import-file.ts";
import type { ImportKind } from "../../import/table.ts";
import type { AppDeps } from "../app-deps.ts";
import { requireFeature } from "./console-access.ts";
import type { Viewer } from "./viewer.ts";

/** How many rows a directory list shows (search narrows it). */
export const DIRECTORY_LIMIT = 200;

export type EnterpriseRow = Enterprise & {
  areaName: string;
  gridName: string | null;
  heads: { name: string; phone: string }[];
};
export type PersonRow = Person & {
  enterprise: Enterprise | null;
  gridIds: string[];
  areaIds: string[];
  /** The chat apps the person is bound on. */
  channels: string[];
};

const matches = (q: string | undefined, ...fields: (string | null)[]) =>
  !q || fields.some((f) => f?.toLowerCase().includes(q.toLowerCase()));

/** The enterprises of the viewer's scope matching a search (name or credit code), with their heads. */
export async function listEnterprises(
  deps: AppDeps,
  viewer: Viewer,
  q?: string,
): Promise<{ total: number; rows: EnterpriseRow[] }> {
  return deps.uow.read(async (s) => {
    const [enterprises, heads, areas, grids] = await Promise.all([
      s.enterprises.list(viewer.scope),
      s.people.ofRole("enterprise_head"),
      s.enterprises.areas(),
      s.enterprises.grids(),
    ]);
    const found = enterprises.filter((e) => matches(q, e.name, e.creditCode, e.address));
    const areaName = new Map(areas.map((a) => [a.id, a.name]));
    const gridName = new Map(grids.map((g) => [g.id, g.name]));
    const headsOf = new Map<string, { name: string; phone: string }[]>();
    for (const h of heads)
      if (h.enterpriseId)
        headsOf.set(h.enterpriseId, [
          ...(headsOf.get(h.enterpriseId) ?? []),
          { name: h.name, phone: h.phone },
        ]);
    return {
      total: found.length,
      rows: found.slice(0, DIRECTORY_LIMIT).map((e) => ({
        ...e,
        areaName: areaName.get(e.areaId) ?? e.areaId,
        gridName: e.gridId ? (gridName.get(e.gridId) ?? e.gridId) : null,
        heads: headsOf.get(e.id) ?? [],
      })),
    };
  });
}

/** Everyone (admins only), matching a search (name, phone, enterprise), with the apps they are bound on. */
export async function listPeople(
  deps: AppDeps,
  viewer: Viewer,
  q?: string,
): Promise<{ total: number; rows: PersonRow[] }> {
  requireFeature(viewer.person.role, "people", deps.content.web.directory.admin_only);
  return deps.uow.read(async (s) => {
    const [people, accounts] = await Promise.all([s.people.all(), s.identities.allAccounts()]);
    const channels = new Map<string, string[]>();
    for (const a of accounts)
      channels.set(a.personId, [...new Set([...(channels.get(a.personId) ?? []), a.channel])]);
    const found = people.filter((p) => matches(q, p.name, p.phone, p.enterprise?.name ?? null));
    return {
      total: found.length,
      rows: found.slice(0, DIRECTORY_LIMIT).map((p) => ({ ...p, channels: channels.get(p.id) ?? [] })),
    };
  });
}

/** A binding code for a person, made by an admin in the console, audited with who made it. */
export async function inviteFromConsole(
  deps: AppDeps,
  viewer: Viewer,
  personId: string,
): Promise<{ code: string; expiresAt: Date; person: Person }> {
  requireFeature(viewer.person.role, "invite", deps.content.web.directory.admin_only);
  return deps.uow.run(async (s) => {
    const person = await s.people.byId(personId);
    if (!person) throw new AppError("not_found", deps.content.web.errors.not_found);
    const now = deps.clock.now();
    const code = newInviteCode();
    const expiresAt = new Date(now.getTime() + deps.config.inviteTtlDays * 86_400_000);
    await s.identities.createInvite({ code, personId, expiresAt, createdAt: now });
    await s.audit.record({
      at: now,
      actorId: viewer.person.id,
      action: "invite.created",
      subjectType: "person",
      subjectId: personId,
      detail: { via: "console" },
    });
    return { code, expiresAt, person };
  });
}

/** An uploaded import file kept by content hash between the check and the confirmation. */
export type ImportUpload = { kind: ImportKind; sha256: string; result: ImportResult };

/**
 * Checks an uploaded CSV or XLSX file with the same validation as `xunjian import --dry-run`; the
 * file is kept (content-addressed) so that the confirmation imports exactly what was checked.
 */
export async function checkImport(
  deps: AppDeps,
  viewer: Viewer,
  kind: ImportKind,
  bytes: Uint8Array,
): Promise<ImportUpload> {
  requireFeature(viewer.person.role, "import", deps.content.web.directory.admin_only);
  const sha256 = await deps.files.put(bytes);
  // The importer (and exceljs with it) is loaded with the first upload, not with the console.
  const { importFile } = await import("../../import/import-file.ts");
  return { kind, sha256, result: await importFile(deps, kind, deps.files.pathOf(sha256), { dryRun: true }) };
}

/** Imports a file checked before (validated again: the database may have changed), audited. */
export async function applyImport(
  deps: AppDeps,
  viewer: Viewer,
  kind: ImportKind,
  sha256: string,
): Promise<ImportUpload> {
  requireFeature(viewer.person.role, "import", deps.content.web.directory.admin_only);
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw new AppError("invalid_input", deps.content.web.directory.import_expired);
  const file = deps.files.pathOf(sha256);
  try {
    await deps.files.get(sha256);
  } catch {
    throw new AppError("not_found", deps.content.web.directory.import_expired);
  }
  const { importFile } = await import("../../import/import-file.ts");
  const result = await importFile(deps, kind, file);
  if (result.ok)
    await deps.uow.run((s) =>
      s.audit.record({
        at: deps.clock.now(),
        actorId: viewer.person.id,
        action: `import.${kind}`,
        subjectType: "file",
        subjectId: sha256,
        detail: { created: result.created, updated: result.updated, via: "console" },
      }),
    );
  return { kind, sha256, result };
}
