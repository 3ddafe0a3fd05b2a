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

/** "total must be …", and "target.headers: x-a is …" (a message about one part of the field). */
const startsWithName = (message: string, name: string): boolean =>
  message === name || message.startsWith(`${name} `) || message.startsWith(`${name}:`);

/**
 * Assigns each message to the field it starts with (`"total must be an integer …"` → `total`, `"target.headers: …"`
 * → `target.headers`); messages that name no field of `fields` go to `general`. A message starting with a name of `labels` (a field of the form,
 * shown or not) says the form's label instead of the api's name: "Total jobs must be an integer …".
 * Duplicates are dropped.
 */
export function mapMessagesToFields<L extends string, F extends L>(
  messages: readonly string[],
  fields: readonly F[],
  labels: Readonly<Record<L, string>>,
): ServerFieldErrors<F> {
  const byField: Partial<Record<F, string[]>> = {};
  const general: string[] = [];
  const labelled = Object.entries<string>(labels);
  for (const message of new Set(messages.map((item) => item.trim()).filter((item) => item.length > 0))) {
    const field = fields.find((name) => startsWithName(message, name));
    const named = labelled.find(([name]) => startsWithName(message, name));
    const text = named === undefined ? message : `${named[1]}${message.slice(named[0].length)}`;
    if (field === undefined) {
      general.push(text);
    } else {
      (byField[field] ??= []).push(text);
    }
  }
  return { fields: byField, general };
}
