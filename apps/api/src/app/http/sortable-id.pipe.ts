import type { PipeTransform } from '@nestjs/common';
import { badRequest } from '../bad-request';

/**
 * Validates a route's `:id` against its kind's pattern before it reaches a service: an id goes into Redis key
 * names and Elasticsearch ids (`rr:run:<id>`, `<datasetId>:<seq>`), so `x:processed-seqs` must be a 400, never a
 * lookup of another key.
 */
export abstract class SortableIdPipe implements PipeTransform<string, string> {
  protected constructor(
    private readonly isId: (value: string) => boolean,
    private readonly kind: string,
  ) {}

  transform(value: string): string {
    if (!this.isId(value)) throw badRequest(`id must be a ${this.kind} id (lowercase letters and digits)`);
    return value;
  }
}
