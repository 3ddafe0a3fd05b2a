import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { ErrorListComponent } from './error-list.component';

describe('ErrorListComponent', () => {
  let fixture: ComponentFixture<ErrorListComponent>;
  let element: HTMLElement;

  const show = async (messages: readonly string[]): Promise<void> => {
    fixture.componentRef.setInput('messages', messages);
    await fixture.whenStable();
  };
  const lines = (): string[] => Array.from(element.querySelectorAll('li'), (item) => item.textContent?.trim() ?? '');

  beforeEach(() => {
    fixture = TestBed.createComponent(ErrorListComponent);
    element = fixture.nativeElement as HTMLElement;
  });

  it('lists the messages, one per line', async () => {
    await show(['total must be an integer', 'property foo should not exist']);
    expect(lines()).toEqual(['total must be an integer', 'property foo should not exist']);
  });

  it('renders no list without messages', async () => {
    await show([]);
    expect(element.querySelector('ul')).toBeNull();
    await show(['Nothing to apply.']);
    await show([]);
    expect(element.querySelector('ul')).toBeNull();
  });
});
