/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { mayUse } from "../app/web/console-access.ts";
import type { Viewer } from "../app/web/viewer.ts";
import { fill, type ReportTexts } from "../content/report-texts.ts";
import type { WebTexts } from "../content/web-texts.ts";
import type { Texts } from "../domain/texts.ts";
import { CSRF_FIELD } from "./security.ts";
import type { WebContext } from "./web-env.ts";

/** What every page needs to render: wording, labels, who is looking, the CSRF token. */
export type PageContext = {
  t: WebTexts;
  labels: Texts;
  /** The report's wording (figure names, ledger labels). */
  report: ReportTexts;
  viewer: Viewer | null;
  csrf: string;
  simulator: boolean;
};

export function pageContext(c: WebContext): PageContext {
  const deps = c.get("deps");
  return {
    t: c.get("t"),
    labels: deps.content.texts,
    report: deps.content.report,
    viewer: c.get("viewer"),
    csrf: c.get("csrf"),
    simulator: deps.config.web.simulator,
  };
}

/** The hidden field that carries the CSRF token in every form. */
export const CsrfField = (props: { p: PageContext }) => (
  <input type="hidden" name={CSRF_FIELD} value={props.p.csrf} />
);

type NavKey = "dashboard" | "ledger" | "campaigns" | "directory" | "report" | "outbox" | "simulator";

function Nav(props: { p: PageContext; active?: NavKey }) {
  const { t, viewer } = props.p;
  const role = viewer?.person.role;
  const items: { key: NavKey; href: string; label: string; show: boolean }[] = [
    { key: "dashboard", href: "/dashboard", label: t.app.nav_dashboard, show: !!viewer },
    { key: "ledger", href: "/ledger", label: t.app.nav_ledger, show: !!viewer },
    {
      key: "campaigns",
      href: "/campaigns",
      label: t.app.nav_campaigns,
      show: !!role && mayUse(role, "campaigns"),
    },
    { key: "directory", href: "/directory", label: t.app.nav_directory, show: !!viewer },
    { key: "report", href: "/report", label: t.app.nav_report, show: !!role && mayUse(role, "report") },
    { key: "outbox", href: "/outbox", label: t.app.nav_outbox, show: !!role && mayUse(role, "outbox") },
    { key: "simulator", href: "/simulator", label: t.app.nav_simulator, show: props.p.simulator },
  ];
  return (
    <nav class="nav">
      {items
        .filter((i) => i.show)
        .map((i) => (
          <a href={i.href} class={i.key === props.active ? "active" : undefined}>
            {i.label}
          </a>
        ))}
    </nav>
  );
}

/** The page shell: header with navigation and the signed-in person, the content, the footer. */
export function Layout(props: {
  p: PageContext;
  title: string;
  active?: NavKey;
  charts?: boolean;
  htmx?: boolean;
  bodyClass?: string;
  children?: Child;
}) {
  const { p } = props;
  const { t, viewer } = p;
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="csrf-token" content={p.csrf} />
          <meta name="referrer" content="no-referrer" />
          <title>{`${props.title} · ${t.app.title}`}</title>
          <link rel="stylesheet" href="/static/console.css" />
          {props.charts ? <script src="/static/echarts.min.js" /> : null}
          {props.htmx ? <script src="/static/htmx.min.js" /> : null}
          <script src="/static/console.js" />
        </head>
        <body class={props.bodyClass}>
          {props.bodyClass === "big-screen" ? null : (
            <header class="top">
              <div class="top-inner">
                <a class="brand" href="/">
                  {t.app.title}
                </a>
                <Nav p={p} active={props.active} />
                {viewer ? (
                  <form class="who" method="post" action="/logout">
                    <span>
                      {fill(t.app.signed_in_as, {
                        name: viewer.person.name,
                        role: p.labels.label("role", viewer.person.role),
                      })}
                    </span>
                    <CsrfField p={p} />
                    <button type="submit">{t.app.sign_out}</button>
                  </form>
                ) : null}
              </div>
            </header>
          )}
          <main>{props.children}</main>
          {props.bodyClass === "big-screen" ? null : <footer>{t.app.footer}</footer>}
        </body>
      </html>
    </>
  );
}

/** A page that says one thing (a refusal, an error, a sign-in hint). */
export function MessagePage(props: {
  p: PageContext;
  title: string;
  message: string;
  kind?: "warn" | "ok";
  children?: Child;
}) {
  return (
    <Layout p={props.p} title={props.title}>
      <div class="card narrow">
        <h1>{props.title}</h1>
        <p class={`notice ${props.kind ?? ""}`}>{props.message}</p>
        {props.children}
      </div>
    </Layout>
  );
}
