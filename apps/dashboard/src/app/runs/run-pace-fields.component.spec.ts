import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { createPaceForm, type PaceForm } from './pace-form';
import { type PaceFieldHints, RunPaceFieldsComponent } from './run-pace-fields.component';

const hints: PaceFieldHints = { total: 'How many.', ratePerMinute: 'How fast.', durationMinutes: 'How long.' };

/** Two forms on one page, as the start form and an open editor are. */
@Component({
  imports: [RunPaceFieldsComponent],
  template: `
    <app-run-pace-fields idPrefix="first" [form]="first" pace="rate" [hints]="hints" />
    <app-run-pace-fields idPrefix="second" [form]="second" pace="rate" [hints]="hints" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class TwoFormsComponent {
  readonly first = createPaceForm({ total: 1000, pace: 'rate', ratePerMinute: 600, durationMinutes: 10 });
  readonly second = createPaceForm({ total: 1000, pace: 'rate', ratePerMinute: 600, durationMinutes: 10 });
  protected readonly hints = hints;
}

describe('RunPaceFieldsComponent', () => {
  let fixture: ComponentFixture<RunPaceFieldsComponent>;
  let form: PaceForm;
  let element: HTMLElement;

  const input = (id: string): HTMLInputElement | null => element.querySelector<HTMLInputElement>(`#${id}`);
  const textOf = (selector: string): string | undefined => element.querySelector(selector)?.textContent?.trim();
  const show = async (inputs: Record<string, unknown>): Promise<void> => {
    for (const [name, value] of Object.entries(inputs)) {
      fixture.componentRef.setInput(name, value);
    }
    await fixture.whenStable();
  };

  beforeEach(async () => {
    fixture = TestBed.createComponent(RunPaceFieldsComponent);
    element = fixture.nativeElement as HTMLElement;
    form = createPaceForm({ total: 1000, pace: 'rate', ratePerMinute: 600, durationMinutes: 10 });
    await show({ form, pace: 'rate', hints, idPrefix: 'run' });
  });

  it('shows the total and the field of the pace mode, labelled and described by their hints', () => {
    expect(textOf('label[for="run-total"]')).toBe('Total jobs');
    expect(textOf('label[for="run-rate"]')).toBe('Rate (jobs per minute)');
    expect(input('run-duration')).toBeNull();
    expect(input('run-total')?.value).toBe('1000');
    expect(input('run-rate')?.value).toBe('600');
    expect(input('run-total')?.getAttribute('step')).toBe('1');
    expect(input('run-rate')?.getAttribute('step')).toBe('any');
    expect(textOf('#run-rate-hint')).toBe('How fast.');
    expect(input('run-rate')?.getAttribute('aria-describedby')).toBe('run-rate-hint');
    expect(input('run-rate')?.getAttribute('aria-invalid')).toBe('false');
  });

  it('writes what is typed and chosen into the form', async () => {
    const total = input('run-total') as HTMLInputElement;
    total.value = '2500';
    total.dispatchEvent(new Event('input'));
    input('run-pace-duration')?.click();
    await fixture.whenStable();
    expect(form.getRawValue()).toMatchObject({ total: 2500, pace: 'duration' });
    expect(input('run-pace-duration')?.checked).toBe(true);
    expect(input('run-pace-rate')?.checked).toBe(false);
  });

  it('shows the duration field in duration mode', async () => {
    await show({ pace: 'duration' });
    expect(input('run-rate')).toBeNull();
    expect(textOf('label[for="run-duration"]')).toBe('Duration (minutes)');
    expect(input('run-duration')?.value).toBe('10');
    expect(textOf('#run-duration-hint')).toBe('How long.');
  });

  it("lists a field's messages under it and marks it invalid", async () => {
    await show({ errors: { total: ['total must be an integer', 'total is too large'], durationMinutes: ['not shown in rate mode'] } });
    const messages = Array.from(element.querySelectorAll('#run-total-errors li'), (item) => item.textContent?.trim());
    expect(messages).toEqual(['total must be an integer', 'total is too large']);
    expect(input('run-total')?.getAttribute('aria-invalid')).toBe('true');
    expect(input('run-total')?.getAttribute('aria-describedby')).toBe('run-total-hint run-total-errors');
    expect(element.querySelector('#run-rate-errors')).toBeNull();
    expect(element.textContent).not.toContain('not shown in rate mode');
  });

  it('requires the total unless it is given a placeholder for an empty one', async () => {
    expect(input('run-total')?.required).toBe(true);
    expect(input('run-total')?.hasAttribute('placeholder')).toBe(false);

    await show({ totalPlaceholder: '1234' });
    expect(input('run-total')?.required).toBe(false);
    expect(input('run-total')?.getAttribute('placeholder')).toBe('1234');
    expect(input('run-rate')?.required).toBe(true);
  });

  it('keeps the pace toggles of two forms on one page apart', async () => {
    const page = TestBed.createComponent(TwoFormsComponent);
    await page.whenStable();
    const pageElement = page.nativeElement as HTMLElement;
    const radio = (id: string): HTMLInputElement | null => pageElement.querySelector<HTMLInputElement>(`#${id}`);
    const { first, second } = page.componentInstance;

    radio('first-pace-duration')?.click();
    await page.whenStable();
    expect(first.controls.pace.value).toBe('duration');
    expect(second.controls.pace.value).toBe('rate');
    expect(radio('second-pace-rate')?.checked).toBe(true);
    expect(radio('second-pace-duration')?.checked).toBe(false);
  });

  it('has a compact look on request', async () => {
    expect(element.classList).not.toContain('compact');
    await show({ compact: true });
    expect(element.classList).toContain('compact');
  });
});
