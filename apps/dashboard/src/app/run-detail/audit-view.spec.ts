import { localeFormats } from '../shared/locale-formats';
import { toAuditView } from './audit-view';
import { anAudit } from './run-detail.testing';

const formats = localeFormats('en-US');
describe('toAuditView', () => {
  it('calls a clean run whole', () => {
    const view = toAuditView(anAudit(), formats);
    expect(view.verdict).toBe('Whole: each of the 6,000 published seqs is stored exactly once, and the counters agree.');
    expect(view).toMatchObject({
      clean: true,
      missing: 'none',
      duplicates: 'none',
      countersMatch: 'Yes',
      repairable: false,
      stored: '5,990',
    });
  });

  it('lists missing and duplicate ranges and offers a repair of the missing', () => {
    const view = toAuditView(
      anAudit({
        clean: false,
        missing: [
          { from: 10, to: 19 },
          { from: 4000, to: 4000 },
        ],
        missingCount: 11,
        duplicates: [{ from: 7, to: 8 }],
        duplicateCount: 2,
        countersMatch: false,
      }),
      formats,
    );
    expect(view.verdict).toBe(
      'Not whole: 11 missing; 2 stored as both a result and a dead letter; the counters disagree with what is stored.',
    );
    expect(view.missing).toBe('10–19, 4,000');
    expect(view.duplicates).toBe('7–8');
    expect(view.repairable).toBe(true);
    expect(view.countersMatch).toBe('No');
  });
});
