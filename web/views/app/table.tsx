import type { Child } from 'hono/jsx';

/**
 * A table's caption (read by screen readers, hidden on screen) and its column heads: the
 * reviewer UI's tables all open this way, so the accessible shape is written once.
 */
export function TableHead(props: { caption: Child; columns: readonly string[] }) {
  return (
    <>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
    </>
  );
}
