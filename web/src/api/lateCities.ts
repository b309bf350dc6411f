/** Late cities (逾期市（州）): city report deadlines passed unmet, with the days late and the city's state. */
import { getCampaign, getCity } from './campaigns';

type SubmissionKind = 'self_check' | 'investigation';

export interface LateCity {
  cityCode: string;
  phase: string;
  deadlineKey: string;
  dueDate: string;
  dueAt: string;
  extendedFrom: string | null;
  /** Calendar days from the due date to the campaign's today: 1 on the day after the deadline. */
  daysLate: number;
  submission: { kind: SubmissionKind; version: number; status: 'submitted' | 'approved' | 'returned'; late: boolean } | null;
  casesOverdue: number;
}

export interface LateCities {
  /** The campaign's today the days are counted to. */
  asOfDate: string;
  items: LateCity[];
}

const KIND_OF: Record<string, SubmissionKind | undefined> = { selfCheck: 'self_check', investigation: 'investigation' };

/** Today in Asia/Shanghai, YYYY-MM-DD. */
function shanghaiToday(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Read from the campaign's deadlines and each late city's progress until the API answers the late
 * cities itself (GET /campaigns/{id}/late-cities, counting days on the campaign's own clock).
 */
export async function getLateCities(campaignId: string): Promise<LateCities> {
  const c = await getCampaign(campaignId);
  const now = Date.now();
  const today = shanghaiToday(now);
  const late = c.deadlines.filter((d): d is typeof d & { cityCode: string } => d.cityCode !== null && !d.metAt && Date.parse(d.dueAt) <= now);
  const cities = new Map(await Promise.all([...new Set(late.map((d) => d.cityCode))].map(async (code) => [code, await getCity(campaignId, code)] as const)));
  const items = late.map((d): LateCity => {
    const city = cities.get(d.cityCode);
    const sub = city?.submissions.filter((s) => s.kind === KIND_OF[d.phase]).at(-1);
    return {
      cityCode: d.cityCode,
      phase: d.phase,
      deadlineKey: d.key,
      dueDate: d.dueDate,
      dueAt: d.dueAt,
      extendedFrom: d.extendedFrom,
      daysLate: Math.max(1, daysBetween(d.dueDate, today)),
      submission: sub ? { kind: sub.kind, version: sub.version, status: sub.status, late: sub.late } : null,
      casesOverdue: city?.casesOverdue ?? 0,
    };
  });
  items.sort((a, b) => b.daysLate - a.daysLate || a.cityCode.localeCompare(b.cityCode));
  return { asOfDate: today, items };
}
