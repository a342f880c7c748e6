/**
 * The form of one action on a case: its heading, the API's refusal (problem+json) as one sentence above the
 * fields and each field's message beside it, and a busy state while the action is under way, so that a second
 * click does not send it twice.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { fieldMessages, plainMessage, unanswered, type Problem } from '../problems';
import type { Errors } from './fields';

export interface ActionFormState {
  errors: Errors;
  message: string | null;
  busy: boolean;
  /**
   * Runs `work` (which ends with the API's answer, or a problem found before sending) and shows what it refused.
   * `rename` moves a field's message to the box where it was typed, when the API names it otherwise.
   */
  send(work: () => Promise<Problem | null>, rename?: Record<string, string>): Promise<void>;
}

export function useActionForm(): ActionFormState {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The state arrives with the next render; a second click in the same one must already see the form busy.
  const running = useRef(false);
  return {
    errors,
    message,
    busy,
    async send(work, rename = {}) {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      try {
        const problem = await work().catch(unanswered);
        const { byField, other } = problem ? fieldMessages(problem) : { byField: {}, other: [] };
        setErrors(Object.fromEntries(Object.entries(byField).map(([k, v]) => [rename[k] ?? k, v])));
        setMessage(problem ? [plainMessage(problem), ...other].join(' ') : null);
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
  };
}

/** `onSubmit` is the action of the form's submit button; forms with only other buttons leave it out. `lead` stands above the refusal. */
export function ActionForm(props: { form: ActionFormState; class: string; title: string; lead?: ComponentChildren; onSubmit?: () => Promise<Problem | null>; children: ComponentChildren }) {
  const { form, onSubmit } = props;
  return (
    <form
      class={props.class}
      onSubmit={(e) => {
        e.preventDefault();
        if (onSubmit) void form.send(onSubmit);
      }}
      aria-busy={form.busy}
      noValidate
    >
      <h3>{props.title}</h3>
      {props.lead}
      {form.message && (
        <p class="error" role="alert">
          {form.message}
        </p>
      )}
      {props.children}
    </form>
  );
}

/** How far the upload of an action's documents has come; nothing before it starts. */
export function UploadProgress(props: { progress: number | null }) {
  if (props.progress === null) return null;
  return (
    <p>
      <label>
        Đang tải lên: <progress data-testid="upload-progress" max={1} value={props.progress} /> {Math.round(props.progress * 100)}%
      </label>
    </p>
  );
}
