import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { map, merge, type Observable } from 'rxjs';
import { requestErrorLine } from '../shared/request-error';
import { mapMessagesToFields, type ServerFieldErrors, validationMessages } from '../shared/server-field-errors';
import { type ChangeField, FIELD_LABELS, type PaceMode, paceField, type RunChangeValues } from './run-change';

/** The controls of a form that gives X (the total) and Y (a rate, or a duration the rate is derived from). */
export interface PaceFormControls {
  readonly total: FormControl<number | null>;
  readonly pace: FormControl<PaceMode>;
  readonly ratePerMinute: FormControl<number | null>;
  readonly durationMinutes: FormControl<number | null>;
}

/** The X and Y form that starting a run and changing one share; its raw value is a `RunChangeValues`. */
export type PaceForm = FormGroup<PaceFormControls>;

/** What a form says when its request fails: `rejected` for a 400 without messages, `failure` reads like "Could not start the run". */
export interface PaceFormFailureText {
  readonly rejected: string;
  readonly failure: string;
}

const VALUE_FIELDS: readonly ChangeField[] = ['total', 'ratePerMinute', 'durationMinutes'];
const PACE_FIELDS: readonly ChangeField[] = ['ratePerMinute', 'durationMinutes'];

/** A form holding `values`; the pace mode is never empty. */
export function createPaceForm(values: RunChangeValues): PaceForm {
  return new FormGroup({
    total: new FormControl(values.total),
    pace: new FormControl(values.pace, { nonNullable: true }),
    ratePerMinute: new FormControl(values.ratePerMinute),
    durationMinutes: new FormControl(values.durationMinutes),
  });
}

/**
 * The fields whose server messages an edit of `form` makes stale (those messages are about the value that
 * was sent): the edited field, or both pace fields when the pace mode switches.
 */
export function editedFields(form: PaceForm): Observable<readonly ChangeField[]> {
  return merge(
    ...VALUE_FIELDS.map((name) => form.controls[name].valueChanges.pipe(map((): readonly ChangeField[] => [name]))),
    form.controls.pace.valueChanges.pipe(map(() => PACE_FIELDS)),
  );
}

/**
 * Turns a failed request of the form into its messages: a 400's by field (of the pace mode that was sent;
 * one naming the other mode's field goes to the general line), each saying the field's label rather than the
 * api's name, and anything else as one line (a 409 in the server's own words).
 */
export function paceFormErrors(error: unknown, pace: PaceMode, text: PaceFormFailureText): ServerFieldErrors<ChangeField> {
  return formRequestErrors(error, ['total', paceField(pace)], FIELD_LABELS, text);
}

/**
 * Turns a failed request of a form into its messages: a 400's next to the `fields` shown (in the words of
 * `labels`), the others on the general line; anything else as one line (a 409 in the server's own words).
 */
export function formRequestErrors<L extends string, F extends L>(
  error: unknown,
  fields: readonly F[],
  labels: Readonly<Record<L, string>>,
  text: PaceFormFailureText,
): ServerFieldErrors<F> {
  // No field's messages (TypeScript cannot see that `{}` is a partial record of a generic key).
  const noFields = {} as ServerFieldErrors<F>['fields'];
  if (error instanceof HttpErrorResponse && error.status === 400) {
    const mapped = mapMessagesToFields(validationMessages(error.error), fields, labels);
    const hasMessages = mapped.general.length > 0 || Object.keys(mapped.fields).length > 0;
    return hasMessages ? mapped : { fields: noFields, general: [text.rejected] };
  }
  return { fields: noFields, general: [requestErrorLine(error, text.failure)] };
}
