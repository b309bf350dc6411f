/** The case's penalty procedures (the city's, then the province's), read again after every command. */
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { getCaseProcedures } from '../../api/procedures';
import { tr } from '../../labels';
import { Loaded } from '../Loaded';
import { ProcedureCard } from './ProcedureCard';

/** How often procedures still between two steps of their workflow are read again. */
export const IN_TRANSIT_POLL_MS = 2_000;

/**
 * Whether the workflow has more to write before anyone can act: no procedure yet (a liable decision
 * starts it as a workflow of its own), or one that awaits nothing and is not closed (its row is written
 * before the legal basis is found, and between a command and the step it leads to).
 */
export const inTransit = (items: readonly { awaiting: readonly unknown[]; step: string }[] | undefined) =>
  items !== undefined && (items.length === 0 || items.some((p) => p.awaiting.length === 0 && p.step !== 'closed'));

export function CaseProcedures({ caseId }: { caseId: string }) {
  // Read again while the workflow is between steps: never a blank section, or a step without its next
  // action, that only a reload would fill.
  const query = useQuery({
    queryKey: ['procedures', caseId],
    queryFn: () => getCaseProcedures(caseId),
    refetchInterval: (q) => (inTransit(q.state.data) ? IN_TRANSIT_POLL_MS : false),
  });
  return (
    <Loaded query={query}>
      {(items) =>
        items.length === 0 ? (
          <Typography.Text type="secondary" data-testid="procedure-starting">
            {tr('处罚程序正在启动，稍候将自动显示。', 'The penalty procedure is starting; it will show here shortly.')}
          </Typography.Text>
        ) : (
          items.map((p) => <ProcedureCard key={p.procedureId} procedure={p} />)
        )
      }
    </Loaded>
  );
}

/** Whether a case has procedures to show: a liable decision starts one. */
export function mayHaveProcedure(detail: { liability: string | null }): boolean {
  return detail.liability === 'liable';
}
