import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { DATASET_ID_PATTERN, DATASET_LIMITS, type Dataset, type DatasetDetail, type DatasetPage } from '@app/contracts';
import {
  CreateDatasetFromIndexDto,
  DatasetDetailDto,
  DatasetDto,
  DatasetPageDto,
  ErrorDto,
  ListDatasetsQuery,
  UploadDatasetQuery,
} from '@app/contracts/dto';
import { ApiBadRequest, ApiChange, ApiGuarded, ApiJsonBody } from '../openapi/api-responses';
import { DatasetIdPipe } from './dataset-id.pipe';
import { DatasetsService } from './datasets.service';
import { settlingUnreadUpload, uploadOf } from './upload-request';

/** A route by dataset id: 400 for a malformed id, 404 for an unknown dataset. */
const ApiDatasetById = () =>
  applyDecorators(
    ApiParam({ name: 'id', schema: { type: 'string', pattern: DATASET_ID_PATTERN.source } }),
    ApiBadRequest(),
    ApiNotFoundResponse({ type: ErrorDto, description: 'no such dataset' }),
  );

@ApiGuarded()
@Controller('datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  /** The body is the upload (`text/csv` or `application/x-ndjson`), read as it arrives; no body parser sees it. */
  @Post()
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiBody({ description: 'CSV with a header row, or one JSON object per line', schema: { type: 'string' } })
  @ApiCreatedResponse({ type: DatasetDto })
  @ApiChange()
  @ApiBadRequest()
  @ApiPayloadTooLargeResponse({
    type: ErrorDto,
    description: `over ${DATASET_LIMITS.maxRecords.toLocaleString('en-US')} records or 2 GiB; nothing is kept`,
  })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorDto, description: 'neither text/csv nor application/x-ndjson' })
  upload(
    @Query() query: UploadDatasetQuery,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<Dataset> {
    return settlingUnreadUpload(request, response, this.datasets.upload(query.name, uploadOf(request)));
  }

  @Post('from-index')
  @ApiCreatedResponse({ type: DatasetDto })
  @ApiChange()
  @ApiJsonBody()
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such index' })
  fromIndex(@Body() request: CreateDatasetFromIndexDto): Promise<Dataset> {
    return this.datasets.fromIndex(request);
  }

  @Get()
  @ApiOkResponse({ type: DatasetPageDto })
  @ApiBadRequest()
  list(@Query() query: ListDatasetsQuery): Promise<DatasetPage> {
    return this.datasets.list(query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOkResponse({ type: DatasetDetailDto })
  @ApiDatasetById()
  get(@Param('id', DatasetIdPipe) id: string): Promise<DatasetDetail> {
    return this.datasets.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted, with its records' })
  @ApiDatasetById()
  @ApiChange()
  @ApiConflictResponse({ type: ErrorDto, description: 'a run uses it' })
  delete(@Param('id', DatasetIdPipe) id: string): Promise<void> {
    return this.datasets.delete(id);
  }
}
