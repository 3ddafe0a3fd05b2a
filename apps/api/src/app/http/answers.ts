import type { INestApplication } from '@nestjs/common';

/** What an observer is told of a request once it is over: its status, how long it took, and whether the client left. */
export type AnswerObserver<R> = (request: R, status: number, durationMs: number, aborted: boolean) => void;

export interface ObservedResponse {
  statusCode: number;
  writableFinished: boolean;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

/**
 * Tells each observer about every request once, when its answer is sent or its client went away, whatever answered
 * it: a route, the throttle, the token check, the body parser, or the dashboard's files. Register it first, so its
 * timing covers all of them, and refusals are seen as well as answers.
 */
export function observeAnswers<R>(app: INestApplication, observers: readonly AnswerObserver<R>[]): void {
  app.use((request: R, response: ObservedResponse, next: () => void) => {
    const started = process.hrtime.bigint();
    let over = false;
    const done = () => {
      if (over) return;
      over = true;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      for (const observe of observers) observe(request, response.statusCode, durationMs, !response.writableFinished);
    };
    response.once('finish', done);
    response.once('close', done);
    next();
  });
}
