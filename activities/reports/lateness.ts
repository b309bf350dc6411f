/** How a deadline's state reads in a report (按期报送, 逾期报送, 逾期未报送 …). */
import type { DeadlineStatus } from './figureExtras';

export function latenessText(d: DeadlineStatus): string {
  const base = d.submittedOn ? (d.late ? '逾期报送' : '按期报送') : d.overdue ? '逾期未报送' : '尚未报送';
  const review = d.status === 'approved' ? '，已审核通过' : d.status === 'returned' ? '，被退回修改' : '';
  const extended = d.extendedFrom ? `（已延期，原截止${d.extendedFrom}）` : '';
  return `${base}${review}${extended}`;
}

/** Late, or overdue and still missing: what a supervisor counts as 逾期. */
export function isLate(d: DeadlineStatus): boolean {
  return d.late || d.overdue;
}
