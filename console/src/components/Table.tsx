/** A table of records with a header row of column names; the caller writes the rows (each page its own cells). */
import type { ComponentChildren } from 'preact';

export function Table(props: { testid: string; columns: readonly string[]; children: ComponentChildren }) {
  return (
    <table data-testid={props.testid}>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
