import { iteratedSha256 } from './iterated-sha256';

/** What `HashPool` posts to a thread: a slice of a batch, so that one message carries many records. */
export interface HashTask {
  inputs: string[];
  rounds: number;
}

/**
 * What each pool thread runs: Piscina calls this file's default export. The build emits the file as `hash.task.js`
 * beside the bundle (`apps/worker/webpack.config.js`), where `HashProcessorModule` points the pool at it.
 */
export default function hashTask({ inputs, rounds }: HashTask): string[] {
  return inputs.map((input) => iteratedSha256(input, rounds));
}
