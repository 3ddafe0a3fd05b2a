import { Injectable } from '@nestjs/common';
import { isDatasetId } from '@app/contracts';
import { SortableIdPipe } from '../http/sortable-id.pipe';

/** Validates the `:id` of every route under `/api/datasets/:id`. */
@Injectable()
export class DatasetIdPipe extends SortableIdPipe {
  constructor() {
    super(isDatasetId, 'dataset');
  }
}
