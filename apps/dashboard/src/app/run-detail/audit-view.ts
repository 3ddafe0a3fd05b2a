import type { RunAudit } from '@app/contracts';
import type { LocaleFormats } from '../shared/locale-formats';
import { formatSeqRanges } from './seq-ranges';

/** What the audit panel shows of an audit, formatted. */
export interface AuditView {
  readonly clean: boolean;
  /** One line: whole, or what is wrong. */
  readonly verdict: string;
  readonly published: string;
  readonly stored: string;
  readonly deadLetters: string;
  readonly missingCount: number;
  readonly missing: string;
  readonly duplicates: string;
  readonly countersMatch: string;
  /** Missing seqs can be republished. */
  readonly repairable: boolean;
  readonly checkedAt: string;
}

export function toAuditView(audit: RunAudit, formats: Pick<LocaleFormats, 'count' | 'time'>): AuditView {
  const problems: string[] = [];
  if (audit.missingCount > 0) {
    problems.push(`${formats.count.format(audit.missingCount)} missing`);
  }
  if (audit.duplicateCount > 0) {
    problems.push(`${formats.count.format(audit.duplicateCount)} stored as both a result and a dead letter`);
  }
  if (!audit.countersMatch) {
    problems.push('the counters disagree with what is stored');
  }
  const checkedAt = new Date(audit.checkedAt);
  return {
    clean: audit.clean,
    verdict: audit.clean
      ? `Whole: each of the ${formats.count.format(audit.published)} published seqs is stored exactly once, and the counters agree.`
      : `Not whole: ${problems.join('; ') || 'see below'}.`,
    published: formats.count.format(audit.published),
    stored: formats.count.format(audit.stored),
    deadLetters: formats.count.format(audit.deadLetters),
    missingCount: audit.missingCount,
    missing: formatSeqRanges(audit.missing, formats.count),
    duplicates: formatSeqRanges(audit.duplicates, formats.count),
    countersMatch: audit.countersMatch ? 'Yes' : 'No',
    repairable: audit.missingCount > 0,
    checkedAt: Number.isNaN(checkedAt.getTime()) ? '—' : formats.time.format(checkedAt),
  };
}
