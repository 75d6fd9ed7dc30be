/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/**
 * A table in its scrolling wrapper (narrow screens scroll it sideways), headed by `headers`: a
 * `false` or `null` header leaves that column out (a column only some viewers see), an empty one
 * heads a column of buttons.
 */
export function DataTable(props: {
  id?: string;
  class?: string;
  headers: readonly (string | false | null)[];
  children: Child;
}) {
  return (
    <div class="table-wrap">
      <table id={props.id} class={props.class}>
        <thead>
          <tr>{props.headers.map((h) => (h === false || h === null ? null : <th>{h}</th>))}</tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
