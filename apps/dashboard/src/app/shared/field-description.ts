/** The ids and ARIA state of a form field with a hint under it and, once a request was refused, its messages. */
export interface FieldDescription {
  readonly id: string;
  readonly hintId: string;
  readonly errorsId: string;
  readonly messages: readonly string[];
  readonly invalid: boolean;
  /** The input's `aria-describedby`: its hint, then its messages while there are some. */
  readonly describedBy: string;
}

/** The field whose input has the id `id` (its hint is `<id>-hint`, its messages `<id>-errors`). */
export function describeField(id: string, messages: readonly string[] = []): FieldDescription {
  const invalid = messages.length > 0;
  const hintId = `${id}-hint`;
  const errorsId = `${id}-errors`;
  return { id, hintId, errorsId, messages, invalid, describedBy: invalid ? `${hintId} ${errorsId}` : hintId };
}
