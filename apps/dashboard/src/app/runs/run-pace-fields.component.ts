import { booleanAttribute, ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { ErrorListComponent } from '../shared/error-list.component';
import { describeField } from '../shared/field-description';
import type { ServerFieldErrors } from '../shared/server-field-errors';
import type { PaceForm } from './pace-form';
import { type ChangeField, FIELD_LABELS, PACE_OPTIONS, type PaceMode, paceField } from './run-change';

/** What each field says under its input: the forms that share these fields word them for their own purpose. */
export type PaceFieldHints = Readonly<Record<ChangeField, string>>;

interface FieldInput {
  /** Appended to the id prefix: `run-total`, `run-rate`, `run-duration`. */
  readonly idSuffix: string;
  readonly step: string;
}

const FIELD_INPUTS: Readonly<Record<ChangeField, FieldInput>> = {
  total: { idSuffix: 'total', step: '1' },
  ratePerMinute: { idSuffix: 'rate', step: 'any' },
  durationMinutes: { idSuffix: 'duration', step: 'any' },
};

/**
 * The X and Y fields of a run: the total, the choice of giving the pace as a rate or as a duration, and the
 * field of that pace mode, each with its hint and the server's messages about it. Presentational: the values
 * live in the `form` it is given, the messages in the parent (which clears them as the fields are edited).
 * Its host has no box of its own: the pace toggle and the fields are laid out by the parent's form.
 */
@Component({
  selector: 'app-run-pace-fields',
  imports: [ReactiveFormsModule, ErrorListComponent],
  templateUrl: './run-pace-fields.component.html',
  styleUrl: './run-pace-fields.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.compact]': 'compact()' },
})
export class RunPaceFieldsComponent {
  readonly form = input.required<PaceForm>();
  /** The pace mode the form holds: which of the rate and the duration field is shown. */
  readonly pace = input.required<PaceMode>();
  readonly hints = input.required<PaceFieldHints>();
  /** Makes the ids unique on the page: `<prefix>-total`, `<prefix>-pace-rate`, … */
  readonly idPrefix = input.required<string>();
  /** The server's messages by field. */
  readonly errors = input<ServerFieldErrors<ChangeField>['fields']>({});
  /** Makes the total optional, showing this where it is empty: what an empty total stands for (a dataset's record count). */
  readonly totalPlaceholder = input<string | null>(null);
  /** Smaller inputs and gaps, for a form inside a card. */
  readonly compact = input(false, { transform: booleanAttribute });

  protected readonly paceToggle = computed(() => {
    const prefix = this.idPrefix();
    return {
      control: this.form().controls.pace,
      // Scopes the radios' group to this form (they are not bound by name to a parent form group).
      name: `${prefix}-pace`,
      options: PACE_OPTIONS.map((option) => ({ ...option, id: `${prefix}-pace-${option.value}` })),
    };
  });
  protected readonly fields = computed(() => {
    const form = this.form();
    const hints = this.hints();
    const errors = this.errors();
    const prefix = this.idPrefix();
    const totalPlaceholder = this.totalPlaceholder();
    return (['total', paceField(this.pace())] as const).map((name) => {
      const { idSuffix, step } = FIELD_INPUTS[name];
      const optional = name === 'total' && totalPlaceholder !== null;
      return {
        ...describeField(`${prefix}-${idSuffix}`, errors[name]),
        name,
        label: FIELD_LABELS[name],
        step,
        control: form.controls[name],
        hint: hints[name],
        required: !optional,
        placeholder: optional ? totalPlaceholder : null,
      };
    });
  });
}
