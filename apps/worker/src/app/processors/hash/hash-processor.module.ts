import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { HASH_TASK_FILE, HashPool } from './hash-pool';

/**
 * The `hash` processor's thread pool. Its threads load `hash.task.js`, which the build emits beside `main.js`, the
 * bundle this file becomes part of; webpack leaves `__dirname` to Node (`node: false`), so it is the bundle's directory.
 * The threads start with the pool: without the file the worker stops at start-up, naming the path.
 */
@Module({
  providers: [HashPool, { provide: HASH_TASK_FILE, useValue: join(__dirname, 'hash.task.js') }],
  exports: [HashPool],
})
export class HashProcessorModule {}
