/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */

/** Cells of a Markdown table row, with `\|` kept as a literal bar. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

/** A line's text with its `**bold**` spans. */
function Inline(props: { text: string }) {
  const parts = props.text.split(/\*\*(.+?)\*\*/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <strong>{part}</strong> : part))}</>;
}

function Heading(props: { level: number; text: string }) {
  const text = <Inline text={props.text} />;
  if (props.level === 1) return <h1>{text}</h1>;
  if (props.level === 2) return <h2>{text}</h2>;
  return <h3>{text}</h3>;
}

function Table(props: { lines: string[] }) {
  const [head = "", , ...rows] = props.lines;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {cells(head).map((c) => (
              <th>
                <Inline text={c} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              {cells(r).map((c) => (
                <td>
                  <Inline text={c} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The Markdown the report writes (headings, paragraphs, lists, pipe tables, bold) as HTML, escaped
 * like any other text. Only that subset: the report is the only Markdown the console shows.
 */
export function MarkdownView(props: { source: string }) {
  const blocks = props.source
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <div class="markdown">
      {blocks.map((block) => {
        const heading = /^(#{1,3})\s+(.*)$/.exec(block);
        if (heading) return <Heading level={heading[1]?.length ?? 3} text={heading[2] ?? ""} />;
        const lines = block.split("\n");
        if (lines.length >= 2 && lines.every((l) => l.trim().startsWith("|"))) return <Table lines={lines} />;
        if (lines.every((l) => /^[-*] /.test(l.trim())))
          return (
            <ul>
              {lines.map((l) => (
                <li>
                  <Inline text={l.trim().slice(2)} />
                </li>
              ))}
            </ul>
          );
        return (
          <p>
            {lines.map((l, i) => (
              <>
                {i > 0 ? <br /> : null}
                <Inline text={l} />
              </>
            ))}
          </p>
        );
      })}
    </div>
  );
}
