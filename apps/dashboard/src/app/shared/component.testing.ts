import type { ComponentFixture } from '@angular/core/testing';

/**
 * Fakes `setInterval` alone (a page's polling or ticking), so a test advances it at will while Angular's own
 * scheduling (timeouts, microtasks, animation frames) keeps the real timers it needs to render.
 */
export function fakeIntervalsOnly(): void {
  jest.useFakeTimers({
    doNotFake: [
      'setTimeout',
      'clearTimeout',
      'setImmediate',
      'clearImmediate',
      'queueMicrotask',
      'nextTick',
      'Date',
      'performance',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'hrtime',
    ],
  });
}

/** Reads and clicks the elements of the fixture a spec's `beforeEach` creates, by their `data-testid`. */
export function byTestId(fixture: () => ComponentFixture<unknown>) {
  const find = <T extends HTMLElement>(testId: string): T | null =>
    (fixture().nativeElement as HTMLElement).querySelector<T>(`[data-testid="${testId}"]`);
  return {
    text: (testId: string): string => find(testId)?.textContent?.trim() ?? '',
    click: async (testId: string): Promise<void> => {
      find<HTMLButtonElement>(testId)?.click();
      await fixture().whenStable();
    },
  };
}
