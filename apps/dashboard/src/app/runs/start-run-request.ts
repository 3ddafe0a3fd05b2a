import {
  type CreateRunRequest,
  type Dataset,
  destinationUrlMessage,
  type HttpMethod,
  type HttpTargetRequest,
  meetsDestinationUrlRule,
  meetsNumberRule,
  type NumberRule,
  numberRuleMessage,
  PROCESSOR_NAMES,
  type ProcessorName,
  RECORD_PROCESSORS,
  RUN_NUMBER_RULES,
} from '@app/contracts';
import { targetHeadersError } from '@app/domain';
import { mapMessagesToFields, type ServerFieldErrors } from '../shared/server-field-errors';
import { type ChangeField, FIELD_LABELS, MISSING_VALUE, paceField, type RunChangeValues } from './run-change';

/** Where a run's records come from: generated from their numbers, or a dataset's. */
export type RunSource = 'generated' | 'dataset';

/** The fields of the start form, by the api's names for them (as its messages say them). */
export type StartField =
  | ChangeField
  | 'datasetId'
  | 'processor'
  | 'target.url'
  | 'target.headers'
  | 'target.timeoutMs'
  | 'target.concurrency'
  | 'rounds'
  | 'notify.url';

/** Each field's label; a message about a field, the api's or the form's own, says it in place of the api's name. */
export const START_FIELD_LABELS: Readonly<Record<StartField, string>> = {
  ...FIELD_LABELS,
  datasetId: 'Dataset',
  processor: 'Processor',
  'target.url': 'Target URL',
  'target.headers': 'Headers',
  'target.timeoutMs': 'Timeout (ms)',
  'target.concurrency': 'Concurrency',
  rounds: 'Rounds',
  'notify.url': 'Notify URL',
};

/** One row of the headers list; a row left empty is no header. */
export interface HeaderEntry {
  readonly name: string;
  readonly value: string;
}

/** What the start form holds; `null` is an empty (or unreadable) number input, `''` an empty text or choice. */
export interface StartRunValues extends RunChangeValues {
  readonly source: RunSource;
  readonly datasetId: string;
  readonly processor: ProcessorName;
  readonly target: {
    readonly url: string;
    readonly method: HttpMethod;
    readonly headers: readonly HeaderEntry[];
    readonly timeoutMs: number | null;
    readonly concurrency: number | null;
  };
  readonly rounds: number | null;
  readonly notifyUrl: string;
}

export type StartRunCheck =
  { readonly ok: true; readonly request: CreateRunRequest } | { readonly ok: false; readonly errors: ServerFieldErrors<StartField> };

/** The processors a source's records can go through: all for generated numbers, over a dataset those that take any record. */
export function processorsFor(source: RunSource): readonly ProcessorName[] {
  return source === 'dataset' ? RECORD_PROCESSORS : PROCESSOR_NAMES;
}

/** The fields the form shows for `values`: a message about one of them goes next to it, any other to the general line. */
export function shownFields(values: Pick<StartRunValues, 'source' | 'pace' | 'processor'>): readonly StartField[] {
  return [
    ...(values.source === 'dataset' ? (['datasetId'] as const) : []),
    'total',
    paceField(values.pace),
    'processor',
    ...(values.processor === 'http' ? (['target.url', 'target.headers', 'target.timeoutMs', 'target.concurrency'] as const) : []),
    ...(values.processor === 'hash' ? (['rounds'] as const) : []),
    'notify.url',
  ];
}

/**
 * The `POST /api/runs` body for the form's values, or what to fix first. Each value is checked by the api's own
 * rules (`RUN_NUMBER_RULES`, the destination URL rule, `targetHeadersError`), so what the api would refuse is not
 * sent and says the same message, in the form's words. What only the api knows (the allowlist, a dataset's record
 * count as the most a total may be) it says in its 400, by field as well. `dataset` is the one chosen, if any.
 */
export function buildStartRunRequest(values: StartRunValues, dataset: Dataset | null): StartRunCheck {
  const pace = paceField(values.pace);
  const paceValue = values[pace];
  const missing: Partial<Record<StartField, string[]>> = {};
  if (values.source === 'dataset' && dataset === null) missing.datasetId = ['Choose a dataset.'];
  if (values.source === 'generated' && values.total === null) missing.total = [MISSING_VALUE.total];
  if (paceValue === null) missing[pace] = [MISSING_VALUE[pace]];

  const broken = [
    ...numberMessages('total', values.total, RUN_NUMBER_RULES.total),
    ...numberMessages(pace, paceValue, RUN_NUMBER_RULES[pace]),
  ];
  const target = values.processor === 'http' ? targetRequest(values.target) : null;
  if (target !== null) {
    if (target.url === '') missing['target.url'] = ['Enter the URL to deliver each record to.'];
    broken.push(...target.messages);
  }
  if (values.processor === 'hash') broken.push(...numberMessages('rounds', values.rounds, RUN_NUMBER_RULES.rounds));
  const notifyUrl = values.notifyUrl.trim();
  if (notifyUrl !== '' && !meetsDestinationUrlRule(notifyUrl)) broken.push(destinationUrlMessage('notify.url'));

  const mapped = mapMessagesToFields(broken, shownFields(values), START_FIELD_LABELS);
  if (Object.keys(missing).length > 0 || broken.length > 0) {
    const fields: Partial<Record<StartField, string[]>> = { ...missing };
    for (const [field, messages] of Object.entries(mapped.fields) as [StartField, readonly string[]][]) {
      fields[field] = [...(fields[field] ?? []), ...messages];
    }
    return { ok: false, errors: { fields, general: mapped.general } };
  }

  return {
    ok: true,
    request: {
      ...(dataset !== null && values.source === 'dataset' ? { datasetId: dataset.id } : {}),
      ...(values.total !== null ? { total: values.total } : {}),
      [pace]: paceValue,
      processor: values.processor,
      ...(target !== null ? { target: target.request } : {}),
      ...(values.processor === 'hash' && values.rounds !== null ? { rounds: values.rounds } : {}),
      ...(notifyUrl !== '' ? { notify: { url: notifyUrl } } : {}),
    },
  };
}

/** What breaks `rule`, in the api's words; nothing for an empty field (said as missing, or left to its default). */
function numberMessages(field: string, value: number | null, rule: NumberRule): string[] {
  return value === null || meetsNumberRule(value, rule) ? [] : [numberRuleMessage(field, rule)];
}

/** The target as the api takes it (the defaults left to it), and what is wrong with it in the api's words. */
function targetRequest(values: StartRunValues['target']): { url: string; request: HttpTargetRequest; messages: string[] } {
  const url = values.url.trim();
  const messages = url === '' || meetsDestinationUrlRule(url) ? [] : [destinationUrlMessage('target.url')];
  const entries = values.headers
    .map(({ name, value }) => ({ name: name.trim(), value }))
    .filter(({ name, value }) => name !== '' || value !== '');
  const headers: Record<string, string> = {};
  for (const { name, value } of entries) {
    // A name given twice would be one header in the request's object, the last value winning without a word.
    const twice = Object.keys(headers).find((held) => held.toLowerCase() === name.toLowerCase());
    if (twice !== undefined) messages.push(`target.headers: ${name} is given twice`);
    headers[name] = value;
  }
  const headersError = targetHeadersError(headers);
  if (headersError !== null) messages.push(headersError);
  messages.push(
    ...numberMessages('target.timeoutMs', values.timeoutMs, RUN_NUMBER_RULES.timeoutMs),
    ...numberMessages('target.concurrency', values.concurrency, RUN_NUMBER_RULES.concurrency),
  );
  const request: HttpTargetRequest = {
    url,
    method: values.method,
    ...(entries.length > 0 ? { headers } : {}),
    ...(values.timeoutMs !== null ? { timeoutMs: values.timeoutMs } : {}),
    ...(values.concurrency !== null ? { concurrency: values.concurrency } : {}),
  };
  return { url, request, messages };
}
