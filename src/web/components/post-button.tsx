/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { CsrfField, type PageContext } from "../layout.tsx";

/** One button that posts to `action` with the CSRF token and a few hidden fields (催办, 邀请…). */
export function PostButton(props: {
  p: PageContext;
  action: string;
  label: string;
  fields?: Readonly<Record<string, string>>;
  id?: string;
  class?: string;
}) {
  return (
    <form method="post" action={props.action}>
      <CsrfField p={props.p} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" id={props.id} class={props.class}>
        {props.label}
      </button>
    </form>
  );
}
