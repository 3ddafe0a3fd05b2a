import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { HTTP_METHODS, PROCESSOR_LIMITS } from '@app/contracts';
import { ErrorListComponent } from '../shared/error-list.component';
import { describeField } from '../shared/field-description';
import { localeFormats } from '../shared/locale-formats';
import type { ServerFieldErrors } from '../shared/server-field-errors';
import { headerRowForm, type HttpTargetForm } from './http-target-form';
import { START_FIELD_LABELS, type StartField } from './start-run-request';

/**
 * Where an `http` run delivers: the URL, the method, extra headers (a list of name and value rows), the timeout and
 * the concurrency, each with its hint and its messages. Presentational: the values live in the `form` it is given
 * (rows are added to and removed from its headers), the messages in the parent. Laid out by the parent's form.
 */
@Component({
  selector: 'app-http-target-fields',
  imports: [ReactiveFormsModule, ErrorListComponent],
  templateUrl: './http-target-fields.component.html',
  styleUrl: './http-target-fields.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HttpTargetFieldsComponent {
  readonly form = input.required<HttpTargetForm>();
  /** Makes the ids unique on the page: `<prefix>-target-url`, … */
  readonly idPrefix = input.required<string>();
  /** The messages by field, the form's own and the server's. */
  readonly errors = input<ServerFieldErrors<StartField>['fields']>({});

  private readonly formats = localeFormats(inject(LOCALE_ID));

  protected readonly labels = START_FIELD_LABELS;
  protected readonly methods = HTTP_METHODS;
  protected readonly headersMax = PROCESSOR_LIMITS.headersMax;
  protected readonly placeholders = {
    timeoutMs: String(PROCESSOR_LIMITS.timeoutMsDefault),
    concurrency: String(PROCESSOR_LIMITS.concurrencyDefault),
  };
  protected readonly hints = {
    url: 'Each record goes to it as the JSON body, signed (Standard Webhooks) with an Idempotency-Key. Its host must be allowed by the server (HTTP_TARGET_ALLOWLIST).',
    timeoutMs: `How long an answer may take before the attempt is retried: ${this.formats.count.format(PROCESSOR_LIMITS.timeoutMsMin)} to ${this.formats.count.format(PROCESSOR_LIMITS.timeoutMsMax)}, ${this.formats.count.format(PROCESSOR_LIMITS.timeoutMsDefault)} when empty.`,
    concurrency: `Requests in flight per worker: ${PROCESSOR_LIMITS.concurrencyMin} to ${PROCESSOR_LIMITS.concurrencyMax}, ${PROCESSOR_LIMITS.concurrencyDefault} when empty (each worker also caps its own, see Workers).`,
    headers: `Added to each request (at most ${PROCESSOR_LIMITS.headersMax}), an Authorization say. The signature, idempotency and content headers are the platform's.`,
  };

  protected readonly fields = computed(() => {
    const prefix = `${this.idPrefix()}-target`;
    const errors = this.errors();
    return {
      url: describeField(`${prefix}-url`, errors['target.url']),
      method: describeField(`${prefix}-method`),
      timeoutMs: describeField(`${prefix}-timeout`, errors['target.timeoutMs']),
      concurrency: describeField(`${prefix}-concurrency`, errors['target.concurrency']),
      headers: describeField(`${prefix}-headers`, errors['target.headers']),
    };
  });

  protected addHeader(): void {
    const headers = this.form().controls.headers;
    if (headers.length < PROCESSOR_LIMITS.headersMax) {
      headers.push(headerRowForm());
    }
  }

  protected removeHeader(index: number): void {
    this.form().controls.headers.removeAt(index);
  }
}
