/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { mayUse } from "../../app/web/console-access.ts";
import type { EnterpriseRow, ImportUpload, PersonRow } from "../../app/web/directory.ts";
import { fill } from "../../content/report-texts.ts";
import { DataTable } from "../components/data-table.tsx";
import { PostButton } from "../components/post-button.tsx";
import { CsrfField, Layout, type PageContext } from "../layout.tsx";

export type DirectoryTab = "enterprises" | "people";

/** A binding code just made, with its QR code as an SVG data URL. */
export type ShownInvite = { code: string; expires: string; name: string; phone: string; qr: string };

function ImportResultView(props: { p: PageContext; upload: ImportUpload; applied: boolean }) {
  const { p, upload } = props;
  const t = p.t.directory;
  const r = upload.result;
  if (!r.ok)
    return (
      <div class="notice warn" id="import-result">
        <p>{fill(t.import_problems, { count: r.errors.length })}</p>
        <ul class="problems">
          {r.errors.map((e) => (
            <li>
              {e.row === 0
                ? fill(t.import_file_problem, { message: e.message })
                : fill(t.import_row_problem, { row: e.row, column: e.column, message: e.message })}
            </li>
          ))}
        </ul>
      </div>
    );
  if (props.applied)
    return (
      <div class="notice ok" id="import-result">
        {fill(t.import_done, { created: r.created, updated: r.updated })}
      </div>
    );
  return (
    <div class="notice ok" id="import-result">
      <p>{fill(t.import_ok, { created: r.created, updated: r.updated })}</p>
      <ul>
        {r.createdAreas.map((a) => (
          <li>{fill(t.import_new_area, { name: a.name })}</li>
        ))}
        {r.createdGrids.map((g) => (
          <li>{fill(t.import_new_grid, { name: g.name, area: g.area })}</li>
        ))}
      </ul>
      <form method="post" action="/directory/import/apply">
        <CsrfField p={p} />
        <input type="hidden" name="kind" value={upload.kind} />
        <input type="hidden" name="sha256" value={upload.sha256} />
        <button type="submit" id="import-apply">
          {t.import_apply}
        </button>
      </form>
    </div>
  );
}

function ImportCard(props: { p: PageContext; upload?: ImportUpload; applied?: boolean }) {
  const { p } = props;
  const t = p.t.directory;
  return (
    <div class="card" id="import">
      <h2>{t.import_title}</h2>
      <p class="muted">{t.import_intro}</p>
      {props.upload ? (
        <ImportResultView p={p} upload={props.upload} applied={props.applied ?? false} />
      ) : null}
      <form class="filters" method="post" action="/directory/import/check" enctype="multipart/form-data">
        <CsrfField p={p} />
        <label>
          {t.import_kind}
          <select name="kind">
            <option value="enterprises" selected={props.upload?.kind !== "people"}>
              {t.enterprises}
            </option>
            <option value="people" selected={props.upload?.kind === "people"}>
              {t.people}
            </option>
          </select>
        </label>
        <label>
          {t.import_file}
          <input type="file" name="file" accept=".csv,.xlsx" required />
        </label>
        <button type="submit" id="import-check">
          {t.import_check}
        </button>
      </form>
    </div>
  );
}

function EnterpriseTable(props: { p: PageContext; rows: EnterpriseRow[] }) {
  const { p } = props;
  const t = p.t.directory;
  return (
    <DataTable
      id="enterprises"
      headers={[t.name, t.credit_code, t.industry, t.area, t.grid, t.class, t.heads]}
    >
      {props.rows.map((e) => (
        <tr>
          <td>{e.name}</td>
          <td>{e.creditCode}</td>
          <td>{p.labels.label("industry", e.industry)}</td>
          <td>{e.areaName}</td>
          <td>{e.gridName ?? p.t.app.none}</td>
          <td>{e.supervisionClass ?? p.t.app.none}</td>
          <td>{e.heads.map((h) => `${h.name} ${h.phone}`).join("、") || p.t.app.none}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function PeopleTable(props: { p: PageContext; rows: PersonRow[] }) {
  const { p } = props;
  const t = p.t.directory;
  return (
    <DataTable id="people" headers={[t.person_name, t.phone, t.role, t.enterprise, t.places, t.accounts, ""]}>
      {props.rows.map((person) => (
        <tr data-phone={person.phone}>
          <td>
            {person.name}
            {person.active ? null : <span class="tag overdue">{t.inactive}</span>}
          </td>
          <td>{person.phone}</td>
          <td>{p.labels.label("role", person.role)}</td>
          <td>{person.enterprise?.name ?? p.t.app.none}</td>
          <td>{[...person.gridIds, ...person.areaIds].join("、") || p.t.app.none}</td>
          <td>{person.channels.join("、") || p.t.app.none}</td>
          <td>
            <PostButton
              p={p}
              action={`/directory/people/${person.id}/invite`}
              class="secondary invite"
              label={t.invite}
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** 企业与人员: enterprises (and, for admins, people) with search; imports and binding codes for admins. */
export function DirectoryPage(props: {
  p: PageContext;
  tab: DirectoryTab;
  q: string;
  total: number;
  enterprises?: EnterpriseRow[];
  people?: PersonRow[];
  upload?: ImportUpload;
  applied?: boolean;
  invite?: ShownInvite;
}) {
  const { p } = props;
  const t = p.t.directory;
  const admin = !!p.viewer && mayUse(p.viewer.person.role, "people");
  const shown = props.enterprises?.length ?? props.people?.length ?? 0;
  return (
    <Layout p={p} title={t.title} active="directory">
      <h1>{t.title}</h1>
      {props.invite ? (
        <div class="card" id="invite">
          <h2>{t.invite_title}</h2>
          <div class="qr">
            <img src={props.invite.qr} alt={fill(t.invite_qr_alt, { code: props.invite.code })} />
            <div>
              <p style="font-size:1.6rem;letter-spacing:0.15em" id="invite-code">
                {props.invite.code}
              </p>
              <p>
                {fill(t.invite_text, {
                  name: props.invite.name,
                  phone: props.invite.phone,
                  code: props.invite.code,
                  expires: props.invite.expires,
                })}
              </p>
            </div>
          </div>
        </div>
      ) : null}
      <div class="actions">
        <a class={props.tab === "enterprises" ? "button" : "button secondary"} href="/directory">
          {t.enterprises}
        </a>
        {admin ? (
          <a class={props.tab === "people" ? "button" : "button secondary"} href="/directory?tab=people">
            {t.people}
          </a>
        ) : null}
      </div>
      <form class="filters card" method="get" action="/directory">
        <input type="hidden" name="tab" value={props.tab} />
        <label>
          {t.search}
          <input type="search" name="q" value={props.q} placeholder={t.search_placeholder} />
        </label>
        <button type="submit">{t.search}</button>
      </form>
      <p class="muted">
        {fill(t.count, { count: props.total })}
        {shown < props.total ? `　${fill(t.more, { shown })}` : ""}
      </p>
      {shown === 0 ? <p class="muted">{t.empty}</p> : null}
      {props.enterprises && shown > 0 ? <EnterpriseTable p={p} rows={props.enterprises} /> : null}
      {props.people && shown > 0 ? <PeopleTable p={p} rows={props.people} /> : null}
      {admin ? <ImportCard p={p} upload={props.upload} applied={props.applied} /> : null}
    </Layout>
  );
}
