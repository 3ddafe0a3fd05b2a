/** Messages of a rejected request, split between the form's fields and a general error line. */
export interface ServerFieldErrors<F extends string> {
  readonly fields: Readonly<Partial<Record<F, readonly string[]>>>;
  readonly general: readonly string[];
}

/** No messages at all: what a form shows before anything is sent, and while a request is in flight. */
export const NO_FIELD_ERRORS: ServerFieldErrors<never> = { fields: {}, general: [] };

/** `errors` without the messages of `names` (the same object when it has none of them, so a signal holding it does not notify). */
export function withoutFieldErrors<F extends string>(errors: ServerFieldErrors<F>, names: readonly F[]): ServerFieldErrors<F> {
  if (names.every((name) => errors.fields[name] === undefined)) {
    return errors;
  }
  const fields = { ...errors.fields };
  for (const name of names) {
    delete fields[name];
  }
  return { ...errors, fields };
}

/**
 * Reads the messages of Nest's validation error body, `{ statusCode: 400, message: string[] | string, error }`.
 * Returns an empty list for anything else.
 */
export function validationMessages(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || !('message' in body)) {
    return [];
  }
  const { message } = body;
  if (typeof message === 'string') {
    return [message];
  }
  if (Array.isArray(message)) {
    return message.filter((item): item is string => typeof item === 'string');
  }
  return [];
}

/**
 * Assigns each message to the field it starts with (`"total must be an integer …"` → `total`);
 * messages that name no field of the form go to `general`. Duplicates are dropped.
 */
export function mapMessagesToFields<F extends string>(messages: readonly string[], fields: readonly F[]): ServerFieldErrors<F> {
  const byField: Partial<Record<F, string[]>> = {};
  const general: string[] = [];
  for (const message of new Set(messages.map((item) => item.trim()).filter((item) => item.length > 0))) {
    const field = fields.find((name) => message === name || message.startsWith(`${name} `));
    if (field === undefined) {
      general.push(message);
    } else {
      (byField[field] ??= []).push(message);
    }
  }
  return { fields: byField, general };
}
