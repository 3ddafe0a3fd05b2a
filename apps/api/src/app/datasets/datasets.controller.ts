import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dataset, DatasetDetail, DatasetPage } from '@app/contracts';
import { CreateDatasetFromIndexDto, ListDatasetsQuery, UploadDatasetQuery } from '@app/contracts/dto';
import { DatasetIdPipe } from './dataset-id.pipe';
import { DatasetsService } from './datasets.service';
import { closingUnreadUpload, uploadOf } from './upload-request';

@Controller('datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  /** The body is the upload (`text/csv` or `application/x-ndjson`), read as it arrives; no body parser sees it. */
  @Post()
  upload(
    @Query() query: UploadDatasetQuery,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<Dataset> {
    return closingUnreadUpload(request, response, this.datasets.upload(query.name, uploadOf(request)));
  }

  @Post('from-index')
  fromIndex(@Body() request: CreateDatasetFromIndexDto): Promise<Dataset> {
    return this.datasets.fromIndex(request);
  }

  @Get()
  list(@Query() query: ListDatasetsQuery): Promise<DatasetPage> {
    return this.datasets.list(query.limit, query.cursor);
  }

  @Get(':id')
  get(@Param('id', DatasetIdPipe) id: string): Promise<DatasetDetail> {
    return this.datasets.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id', DatasetIdPipe) id: string): Promise<void> {
    return this.datasets.delete(id);
  }
}
