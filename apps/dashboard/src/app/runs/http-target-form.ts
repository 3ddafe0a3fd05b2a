import { FormArray, FormControl, FormGroup } from '@angular/forms';
import type { HttpMethod } from '@app/contracts';

/** One header row: its name and value, both text (an empty row is no header). */
export type HeaderRowForm = FormGroup<{ name: FormControl<string>; value: FormControl<string> }>;

/** The controls of an `http` run's target; its raw value is a `StartRunValues['target']`. */
export interface HttpTargetControls {
  readonly url: FormControl<string>;
  readonly method: FormControl<HttpMethod>;
  readonly headers: FormArray<HeaderRowForm>;
  readonly timeoutMs: FormControl<number | null>;
  readonly concurrency: FormControl<number | null>;
}

export type HttpTargetForm = FormGroup<HttpTargetControls>;

export const headerRowForm = (): HeaderRowForm =>
  new FormGroup({ name: new FormControl('', { nonNullable: true }), value: new FormControl('', { nonNullable: true }) });

/** An empty target: no URL, POST, no headers, and the timeout and concurrency left to the api's defaults. */
export function createHttpTargetForm(): HttpTargetForm {
  return new FormGroup({
    url: new FormControl('', { nonNullable: true }),
    method: new FormControl<HttpMethod>('POST', { nonNullable: true }),
    headers: new FormArray<HeaderRowForm>([]),
    timeoutMs: new FormControl<number | null>(null),
    concurrency: new FormControl<number | null>(null),
  });
}
