/** Form fields with their label and, when the API refused them, its message beside them (aria-describedby). */
import type { ComponentChildren } from 'preact';

export type Errors = Record<string, string>;

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

export function FieldError(props: { name: string; errors: Errors }) {
  const message = props.errors[props.name];
  return message ? (
    <span class="field-error" id={`${idOf(props.name)}-error`} role="alert">
      {message}
    </span>
  ) : null;
}

/** Attributes that tie an input to its error message. */
export function fieldAttrs(name: string, errors: Errors) {
  const bad = Boolean(errors[name]);
  return { id: idOf(name), name, 'aria-invalid': bad, ...(bad ? { 'aria-describedby': `${idOf(name)}-error` } : {}) };
}

export function Field(props: { name: string; label: string; errors: Errors; children: ComponentChildren }) {
  return (
    <div class={props.errors[props.name] ? 'field invalid' : 'field'}>
      <label for={idOf(props.name)}>{props.label}</label>
      {props.children}
      <FieldError name={props.name} errors={props.errors} />
    </div>
  );
}
