/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import {
  applyImport,
  checkImport,
  type ImportUpload,
  inviteFromConsole,
  listEnterprises,
  listPeople,
} from "../../app/web/directory.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ImportKind } from "../../import/table.ts";
import { shanghaiMinute } from "../format.ts";
import { pageContext } from "../layout.tsx";
import { DirectoryPage, type ShownInvite } from "../pages/directory-page.tsx";
import { viewerOf, type WebContext, type WebEnv } from "../web-env.ts";

const kindOf = (v: unknown): ImportKind => (v === "people" ? "people" : "enterprises");

async function render(
  c: WebContext,
  extra: {
    tab?: "enterprises" | "people";
    upload?: ImportUpload;
    applied?: boolean;
    invite?: ShownInvite;
  } = {},
) {
  const deps = c.get("deps");
  const viewer = viewerOf(c);
  const q = c.req.method === "GET" ? (c.req.query("q") ?? "").trim() : "";
  const tab = extra.tab ?? (c.req.query("tab") === "people" ? "people" : "enterprises");
  const p = pageContext(c);
  if (tab === "people") {
    const people = await listPeople(deps, viewer, q);
    return c.html(
      <DirectoryPage p={p} tab="people" q={q} total={people.total} people={people.rows} {...extra} />,
    );
  }
  const enterprises = await listEnterprises(deps, viewer, q);
  return c.html(
    <DirectoryPage
      p={p}
      tab="enterprises"
      q={q}
      total={enterprises.total}
      enterprises={enterprises.rows}
      {...extra}
    />,
  );
}

/** 企业与人员: lists with search, imports by upload (check, then confirm), binding codes with QR codes. */
export function directoryRoutes(app: Hono<WebEnv>): void {
  app.get("/directory", (c) => render(c));

  app.post("/directory/import/check", async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File)) throw new AppError("invalid_input", c.get("t").directory.import_file);
    const upload = await checkImport(
      c.get("deps"),
      viewerOf(c),
      kindOf(body.kind),
      new Uint8Array(await file.arrayBuffer()),
    );
    return render(c, { upload });
  });

  app.post("/directory/import/apply", async (c) => {
    const body = await c.req.parseBody();
    const sha = typeof body.sha256 === "string" ? body.sha256 : "";
    const upload = await applyImport(c.get("deps"), viewerOf(c), kindOf(body.kind), sha);
    return render(c, {
      upload,
      applied: upload.result.ok,
      tab: upload.result.ok && upload.kind === "people" ? "people" : "enterprises",
    });
  });

  app.post("/directory/people/:id/invite", async (c) => {
    const invite = await inviteFromConsole(c.get("deps"), viewerOf(c), c.req.param("id"));
    // qrcode is loaded when an invite is made, not with the console (idle memory, issue 15).
    const { default: QRCode } = await import("qrcode");
    const svg = await QRCode.toString(`绑定 ${invite.code}`, { type: "svg", margin: 1 });
    return render(c, {
      tab: "people",
      invite: {
        code: invite.code,
        expires: shanghaiMinute(invite.expiresAt),
        name: invite.person.name,
        phone: invite.person.phone,
        qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
      },
    });
  });
}
