import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { signInAs } from '../access/access.testing';
import { byTestId } from '../shared/component.testing';
import { AuditPanelComponent } from './audit-panel.component';
import { anAudit } from './run-detail.testing';

describe('AuditPanelComponent', () => {
  let fixture: ComponentFixture<AuditPanelComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;

  const { click, text } = byTestId(() => fixture);

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator');
    fixture = TestBed.createComponent(AuditPanelComponent);
    fixture.componentRef.setInput('runId', 'r-1');
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('audits only when asked, and calls a clean run whole', async () => {
    http.expectNone('/api/runs/r-1/audit');
    await click('audit-button');
    http.expectOne({ method: 'GET', url: '/api/runs/r-1/audit' }).flush(anAudit());
    await fixture.whenStable();

    expect(element.querySelector('[data-testid="audit-result"]')?.getAttribute('data-clean')).toBe('true');
    expect(text('audit-verdict')).toContain('Whole');
    expect(element.querySelector('[data-testid="repair-button"]')).toBeNull();
  });

  it('shows missing and duplicate ranges, and repairs the missing', async () => {
    await click('audit-button');
    http.expectOne('/api/runs/r-1/audit').flush(
      anAudit({
        clean: false,
        stored: 90,
        missing: [{ from: 11, to: 20 }],
        missingCount: 10,
        duplicates: [{ from: 3, to: 3 }],
        duplicateCount: 1,
      }),
    );
    await fixture.whenStable();
    expect(text('audit-verdict')).toContain('Not whole: 10 missing');
    expect(text('audit-missing')).toBe('11–20');
    expect(text('audit-duplicates')).toBe('3');

    await click('repair-button');
    http.expectOne({ method: 'POST', url: '/api/runs/r-1/audit/repair' }).flush({ republished: 10 });
    await fixture.whenStable();
    expect(text('repair-feedback')).toBe('Republished 10 missing seqs. Audit again once they are processed.');
  });

  it('shows a failed audit', async () => {
    await click('audit-button');
    http
      .expectOne('/api/runs/r-1/audit')
      .flush({ statusCode: 404, message: 'Run r-1 not found', error: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(text('audit-error')).toBe('Run r-1 not found');
  });

  it('lets a viewer audit, with no Repair', async () => {
    signInAs('viewer');
    await click('audit-button');
    http.expectOne('/api/runs/r-1/audit').flush(anAudit({ clean: false, stored: 90, missing: [{ from: 11, to: 20 }], missingCount: 10 }));
    await fixture.whenStable();
    expect(text('audit-verdict')).toContain('Not whole: 10 missing');
    expect(element.querySelector('[data-testid="repair-button"]')).toBeNull();
  });
});
