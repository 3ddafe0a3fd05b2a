import { Injectable, type PipeTransform } from '@nestjs/common';
import { isDatasetId } from '@app/contracts';
import { badRequest } from '../bad-request';

/** Validates the `:id` of every route under `/api/datasets/:id` before it reaches a service or a query. */
@Injectable()
export class DatasetIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isDatasetId(value)) throw badRequest('id must be a dataset id (lowercase letters and digits)');
    return value;
  }
}
