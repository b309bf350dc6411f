/**
 * An escalated intermediary order's due-process procedure (the intermediary its party), worked on the
 * 中介机构 page with the case page's card (components/procedures/ProcedureCard.tsx): the step forms for
 * those who act on intermediaries in the city, the approvals for the responsible person; its commands go
 * to the order's routes (POST …/orders/{orderId}/procedure/<command>). Read again while the workflow is
 * between steps, as a case's is.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { getOrderProcedure, orderProcedureQueryKey, type OrderProcedureKey } from '../../api/procedures';
import { Loaded } from '../Loaded';
import { inTransit, IN_TRANSIT_POLL_MS } from '../procedures/CaseProcedures';
import { ProcedureCard } from '../procedures/ProcedureCard';

export function OrderProcedure({ k, focused }: { k: OrderProcedureKey; focused?: boolean }) {
  const query = useQuery({
    queryKey: orderProcedureQueryKey(k),
    queryFn: () => getOrderProcedure(k),
    refetchInterval: (q) => (q.state.data && inTransit([q.state.data]) ? IN_TRANSIT_POLL_MS : false),
  });
  const ref = useRef<HTMLDivElement>(null);
  const shown = query.data !== undefined;
  // Opened from a list (待办程序, 负责人审批): the card is what the link is for.
  useEffect(() => {
    if (focused && shown) ref.current?.scrollIntoView({ block: 'start' });
  }, [focused, shown]);
  return (
    <div ref={ref}>
      <Loaded query={query}>{(p) => <ProcedureCard procedure={p} />}</Loaded>
    </div>
  );
}
