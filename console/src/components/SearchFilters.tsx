/** What the audit's search forms share: the form with its button and the refusal below it, a filter field with the API's message beside it, and how a refused query is read. */
import type { ComponentChildren } from 'preact';
import { asProblem, plainMessage } from '../problems';

/** What the API refused in a search: one sentence, and each parameter's message by its name. */
export interface QueryRefusal {
  error: string | null;
  errors: Record<string, string>;
}
export const NO_REFUSAL: QueryRefusal = { error: null, errors: {} };

/** The API prefixes the parameters' names with `query.`; the form's fields go without. */
export function queryRefusal(e: unknown, status: number): QueryRefusal {
  const problem = asProblem(e, status);
  return { error: plainMessage(problem), errors: Object.fromEntries((problem.errors ?? []).map((x) => [x.field.replace(/^query\./, ''), x.message])) };
}

/** One filter of a search, with the API's message beside it when it refused the value. */
export function FilterField(props: { id: string; label: string; type: 'text' | 'date'; value: string; error: string | undefined; onInput: (value: string) => void }) {
  const attrs = { id: props.id, value: props.value, 'aria-invalid': Boolean(props.error), onInput: (e: { currentTarget: HTMLInputElement }) => props.onInput(e.currentTarget.value) };
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {/* Two elements: Preact's types tell a date input from a text one by its literal type. */}
      {props.type === 'date' ? <input type="date" {...attrs} /> : <input type="text" {...attrs} />}
      {props.error && <span class="field-error">{props.error}</span>}
    </div>
  );
}

/** The filters (`children`), the button that searches, and below them why the API refused the search. */
export function SearchForm(props: { submitLabel: string; error: string | null; onSearch: () => void; children: ComponentChildren }) {
  return (
    <>
      <form
        class="audit-search"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSearch();
        }}
      >
        {props.children}
        <button type="submit" class="primary">
          {props.submitLabel}
        </button>
      </form>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
    </>
  );
}
