import { Module } from '@nestjs/common';
import { ArchivedRunsDatasetUsage, DatasetUsage } from './dataset-usage';
import { DatasetsController } from './datasets.controller';
import { DatasetsService } from './datasets.service';

@Module({
  controllers: [DatasetsController],
  providers: [DatasetsService, { provide: DatasetUsage, useClass: ArchivedRunsDatasetUsage }],
})
export class DatasetsModule {}
