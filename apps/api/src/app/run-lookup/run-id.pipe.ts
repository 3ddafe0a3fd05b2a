import { Injectable } from '@nestjs/common';
import { isRunId } from '@app/contracts';
import { SortableIdPipe } from '../http/sortable-id.pipe';

/** Validates the `:id` of every route under `/api/runs/:id`. */
@Injectable()
export class RunIdPipe extends SortableIdPipe {
  constructor() {
    super(isRunId, 'run');
  }
}
