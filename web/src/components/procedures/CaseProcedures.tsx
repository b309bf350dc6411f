/** The case's penalty procedures (the city's, then the province's), read again after every command. */
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { getCaseProcedures } from '../../api/procedures';
import { tr } from '../../labels';
import { Loaded } from '../Loaded';
import { ProcedureCard } from './ProcedureCard';

/** How often a liable case whose procedure has not written its first row yet is read again. */
const STARTING_POLL_MS = 2_000;

export function CaseProcedures({ caseId }: { caseId: string }) {
  // A liable decision starts the procedure as a workflow of its own: right after the decision its row may
  // not exist yet, so an empty answer is read again until it does (never a blank section to reload by hand).
  const query = useQuery({
    queryKey: ['procedures', caseId],
    queryFn: () => getCaseProcedures(caseId),
    refetchInterval: (q) => (q.state.data?.length === 0 ? STARTING_POLL_MS : false),
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
