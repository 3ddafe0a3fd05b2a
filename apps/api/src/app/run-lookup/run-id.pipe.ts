import { Injectable, type PipeTransform } from '@nestjs/common';
import { isRunId } from '@app/contracts';
import { badRequest } from '../bad-request';

/**
 * Validates the `:id` of every route under `/api/runs/:id` before it reaches a service: a run id goes into
 * Redis key names (`rr:run:<id>`), so `x:processed-seqs` must be a 400, never a lookup of another key.
 */
@Injectable()
export class RunIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isRunId(value)) {
      throw badRequest('id must be a run id (lowercase letters and digits)');
    }
    return value;
  }
}
