import { Module } from '@nestjs/common';
import { RunArchiver } from './run-archiver';

@Module({
  providers: [RunArchiver],
})
export class ArchivingModule {}
