/** The case's penalty procedures (the city's, then the province's), read again after every command. */
import { useQuery } from '@tanstack/react-query';
import { getCaseProcedures } from '../../api/procedures';
import { Loaded } from '../Loaded';
import { ProcedureCard } from './ProcedureCard';

export function CaseProcedures({ caseId }: { caseId: string }) {
  const query = useQuery({ queryKey: ['procedures', caseId], queryFn: () => getCaseProcedures(caseId) });
  return <Loaded query={query}>{(items) => items.map((p) => <ProcedureCard key={p.procedureId} procedure={p} />)}</Loaded>;
}

/** Whether a case has procedures to show: a liable decision starts one. */
export function mayHaveProcedure(detail: { liability: string | null }): boolean {
  return detail.liability === 'liable';
}
