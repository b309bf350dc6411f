/**
 * The city's worklist: its cases filtered (status, outcome, flag, case number, 承办人), sorted and paged,
 * the whole state in the address so it survives a decision, a reload and "back". Ready open cases
 * can be selected for one bulk decision (a case still being started, 准备中, cannot); each case
 * number opens the case. An officer who has cases assigned to them (承办人) sees their own first
 * (我的, written into the address); 全部 and 未分配 are a choice away.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Flex, Pagination, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { getOfficers } from '../../api/assignments';
import { getWorklist, type WorklistItem, type WorklistSort } from '../../api/cases';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageContainer } from '../../components/PageContainer';
import { rememberBulkSelection } from '../../components/city/bulkSelection';
import { CityScope, cityTitle, pageTitle, useCityScope, emptyTable } from '../../components/city/CityScope';
import {
  PAGE_SIZES,
  readWorklistState,
  rememberWorklist,
  worklistPath,
  worklistQuery,
  worklistSearch,
  type WorklistState,
} from '../../components/city/worklistState';
import '../../components/city/city.css';
import { WorklistFilters } from '../../components/city/WorklistFilters';
import { flagLabel, outcomeLabel } from '../../domainLabels';
import { formatInstant } from '../../format';
import { tr, tv } from '../../labels';

/** Only a ready open (or carried-over) case takes a decision. */
export const decidable = (c: Pick<WorklistItem, 'status' | 'ready'>) => (c.status === 'open' || c.status === 'carried_over') && c.ready;

/** Which column and direction each sort is, and back. */
const SORT_OF: Record<string, Partial<Record<'ascend' | 'descend', WorklistSort>>> = {
  riskScore: { descend: 'risk', ascend: '-risk' },
  dueAt: { ascend: 'due', descend: '-due' },
  caseNo: { ascend: 'caseNo', descend: '-caseNo' },
};

function orderOf(sort: WorklistSort, column: string): 'ascend' | 'descend' | null {
  const entry = Object.entries(SORT_OF[column] ?? {}).find(([, s]) => s === sort);
  return entry ? (entry[0] as 'ascend' | 'descend') : null;
}

/** The case's status as plain chips (drawn without a component per row: twenty rows re-render on every page change). */
function StatusCell({ item }: { item: WorklistItem }) {
  const preparing = item.status === 'open' && !item.ready;
  const tone = item.status === 'open' ? 'blue' : item.status === 'carried_over' ? 'orange' : 'green';
  return (
    <span className="chip-list">
      <span className={`chip chip-${tone}`} data-testid="row-status">
        {tv('caseStatus', item.status)}
      </span>
      {preparing && (
        <span
          className="chip"
          data-testid="row-preparing"
          title={tr('案件正在启动，稍后即可办理', 'The case is still being started; it can be decided shortly')}
        >
          {tr('准备中', 'Preparing')}
        </span>
      )}
    </span>
  );
}

/** A 承办人 in the list: the name, else the user name; plain text (no component per row). */
const assigneeText = (c: Pick<WorklistItem, 'assignee' | 'assigneeName'>) => (c.assignee === null ? '' : (c.assigneeName ?? c.assignee));

function Worklist({ campaignId, cityCode }: { campaignId: string; cityCode: string }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const officers = useQuery({ queryKey: ['officers', campaignId, cityCode], queryFn: () => getOfficers(campaignId, cityCode), staleTime: 60_000 });
  const read = readWorklistState(params);
  // "Mine" by default for an officer with assigned cases; until the officers are known an officer's list waits.
  const me = officers.data?.officers.find((o) => o.userId === user.userId);
  const defaultPending = read.assignee === undefined && user.role === 'city_officer' && officers.isPending;
  const state: WorklistState = read.assignee === undefined && me && me.assignedCases > 0 ? { ...read, assignee: 'me' } : read;
  const search = worklistSearch(state);
  const [selected, setSelected] = useState<Map<string, WorklistItem>>(() => new Map());

  // The address says exactly the state: a mistyped or "undefined" value is dropped from it.
  useEffect(() => {
    rememberWorklist(search);
    if (params.toString() !== search) setParams(search, { replace: true });
  }, [params, search, setParams]);

  // Stable callbacks over the latest state, so the memoized filters skip a page change.
  const latest = useRef(state);
  latest.current = state;
  const go = useCallback((patch: Partial<WorklistState>) => setParams(worklistSearch({ ...latest.current, ...patch })), [setParams]);
  const reset = useCallback(() => setParams(''), [setParams]);
  const query = useQuery({
    queryKey: ['worklist', campaignId, cityCode, worklistQuery(state)],
    queryFn: () => getWorklist(campaignId, cityCode, worklistQuery(state)),
    placeholderData: keepPreviousData,
    enabled: !defaultPending,
  });
  const list = query.data;

  // The next page is fetched as soon as this one is shown: an officer paging through the list gets it at once.
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!list || state.page * state.pageSize >= list.total) return;
    const next = worklistQuery({ ...state, page: state.page + 1 });
    void queryClient.prefetchQuery({ queryKey: ['worklist', campaignId, cityCode, next], queryFn: () => getWorklist(campaignId, cityCode, next) });
  }, [list, search, campaignId, cityCode, queryClient]); // `search` is the state written out

  // A page past the end (after cases left the filter): the last page instead.
  useEffect(() => {
    if (list && list.items.length === 0 && list.total > 0 && state.page > 1) {
      setParams(worklistSearch({ ...state, page: Math.max(1, Math.ceil(list.total / state.pageSize)) }), { replace: true });
    }
  }, [list, state, setParams]);

  if (query.isError && !list) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  const here = worklistPath(search);
  // The page's cases that can be selected (ready, open or carried over), for select-all.
  const onPage = (list?.items ?? []).filter(decidable);
  const selectedOnPage = onPage.filter((c) => selected.has(c.caseId)).length;
  const toggle = (c: WorklistItem, checked: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (checked) next.set(c.caseId, c);
      else next.delete(c.caseId);
      return next;
    });
  const columns: TableColumnsType<WorklistItem> = [
    {
      // A native checkbox per row, not the table's row selection: its twenty Checkbox components were a
      // quarter of a page change's render. Selections on other pages are kept (the map is by case id).
      key: 'select',
      title: <span className="visually-hidden">{tr('选择', 'Select')}</span>,
      width: 48,
      align: 'center',
      render: (_v, c) => (
        <input
          type="checkbox"
          className="row-check"
          checked={selected.has(c.caseId)}
          disabled={!decidable(c)}
          aria-label={tr(`选择案件 ${c.caseNo}`, `Select case ${c.caseNo}`)}
          onChange={(e) => toggle(c, e.target.checked)}
        />
      ),
    },
    {
      key: 'caseNo',
      title: tr('案件编号', 'Case number'),
      dataIndex: 'caseNo',
      width: 170,
      sorter: true,
      sortDirections: ['ascend', 'descend'],
      sortOrder: orderOf(state.sort, 'caseNo'),
      render: (_v, c) => (
        // A plain link, not the router's <Link> (a component with its own hooks per row): the click navigates
        // with the worklist's address as the case page's way back; a new tab opens the same address.
        <a
          href={`#/cases/${encodeURIComponent(c.caseId)}`}
          onClick={(e) => {
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            void navigate(`/cases/${encodeURIComponent(c.caseId)}`, { state: { from: { path: here } } });
          }}
        >
          {c.caseNo}
        </a>
      ),
    },
    { key: 'name', title: tr('姓名', 'Name'), width: 90, render: (_v, c) => c.name ?? '' },
    {
      key: 'assignee',
      title: tr('承办人', 'Officer'),
      width: 110,
      render: (_v, c) => <span data-testid="row-assignee">{assigneeText(c) || tr('未分配', 'Unassigned')}</span>,
    },
    { key: 'id', title: tr('身份证号', 'ID number'), dataIndex: 'idNumberMasked', width: 170, className: 'mono' },
    {
      key: 'reasons',
      title: tr('疑点', 'Flags'),
      width: 260,
      // Plain chips, not Ant Design tags: twenty rows of several flags each are the bulk of a page change's render.
      render: (_v, c) => (
        <span className="chip-list">
          {c.reasons.map((r) => (
            <span key={r} className="chip">
              {flagLabel(r)}
            </span>
          ))}
        </span>
      ),
    },
    {
      key: 'riskScore',
      title: tr('风险分', 'Risk'),
      dataIndex: 'riskScore',
      width: 90,
      align: 'right',
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: orderOf(state.sort, 'riskScore'),
    },
    {
      key: 'dueAt',
      title: tr('办理期限', 'Due'),
      width: 170,
      sorter: true,
      sortDirections: ['ascend', 'descend'],
      sortOrder: orderOf(state.sort, 'dueAt'),
      render: (_v, c) => {
        const overdue = c.status === 'open' && c.dueAt !== null && Date.parse(c.dueAt) < Date.now();
        return (
          <span className="chip-list">
            <span>{formatInstant(c.dueAt)}</span>
            {overdue && <span className="chip chip-red">{tr('已逾期', 'Overdue')}</span>}
          </span>
        );
      },
    },
    { key: 'status', title: tr('状态', 'Status'), width: 130, render: (_v, c) => <StatusCell item={c} /> },
    {
      key: 'outcome',
      title: tr('核查结论', 'Outcome'),
      width: 120,
      render: (_v, c) => <span data-testid="row-outcome">{outcomeLabel(c.outcome)}</span>,
    },
  ];

  const onChange: TableProps<WorklistItem>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'paginate') {
      const pageSize = pagination.pageSize ?? state.pageSize;
      go({ page: pageSize !== state.pageSize ? 1 : (pagination.current ?? 1), pageSize });
    } else if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const sort = one?.order ? SORT_OF[String(one.columnKey)]?.[one.order] : undefined;
      go({ sort: sort ?? 'risk', page: 1 });
    }
  };

  const bulk = () => {
    const cases = [...selected.values()].filter(decidable).map((c) => ({ caseId: c.caseId, caseNo: c.caseNo, name: c.name ?? null }));
    rememberBulkSelection({ campaignId, cityCode, cases, back: search });
    void navigate('/decisions/bulk', { state: { bulk: { campaignId, cityCode, cases, back: search } } });
  };

  return (
    <>
      <WorklistFilters
        status={state.status}
        outcome={state.outcome}
        flag={state.flag}
        certCategory={state.certCategory}
        caseNo={state.caseNo}
        assignee={state.assignee}
        officers={officers.data?.officers}
        go={go}
        reset={reset}
      />
      <Flex justify="space-between" align="center" wrap gap={8} className="section">
        <Flex gap={16} align="center">
          <Checkbox
            checked={onPage.length > 0 && selectedOnPage === onPage.length}
            indeterminate={selectedOnPage > 0 && selectedOnPage < onPage.length}
            disabled={onPage.length === 0}
            onChange={(e) =>
              setSelected((prev) => {
                const next = new Map(prev);
                for (const c of onPage) {
                  if (e.target.checked) next.set(c.caseId, c);
                  else next.delete(c.caseId);
                }
                return next;
              })
            }
          >
            {tr('全选本页', 'Select the page')}
          </Checkbox>
          <Typography.Text data-testid="selected-count" aria-live="polite">
            {tr(`已选 ${selected.size} 件`, `${selected.size} selected`)}
          </Typography.Text>
        </Flex>
        <Flex gap={8}>
          {selected.size > 0 && <Button onClick={() => setSelected(new Map())}>{tr('清除选择', 'Clear the selection')}</Button>}
          <Button type="primary" disabled={selected.size === 0} onClick={bulk}>
            {tr('批量处理所选案件', 'Decide the selected cases')}
          </Button>
          {user.responsible && (
            <Button
              disabled={selected.size === 0}
              data-testid="assign-selected"
              onClick={() => void navigate('/assignments', { state: { assignSelection: { campaignId, caseIds: [...selected.keys()] } } })}
            >
              {tr('分配所选案件', 'Assign the selected cases')}
            </Button>
          )}
        </Flex>
      </Flex>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {/* Above the table, the compact pager (previous, page of pages, next); below it, the full one with the
          page size and the jump. One full pager less to draw on every page change. */}
      <Flex justify="flex-end" className="worklist-top-pager">
        <Pagination simple size="small" current={state.page} pageSize={state.pageSize} total={list?.total ?? 0} onChange={(page) => go({ page })} />
      </Flex>
      <Table<WorklistItem>
        className="worklist"
        rowKey="caseId"
        size="middle"
        // A spinner only while the rows shown are the previous page's: a page fetched ahead (or a
        // background refresh of the rows shown) renders at once.
        loading={query.isPlaceholderData || defaultPending}
        dataSource={list?.items ?? []}
        columns={columns}
        // Wide: it scrolls sideways inside itself. No animated scroll back on a page change: the pager above is in view.
        scroll={{ x: 'max-content', scrollToFirstRowOnChange: false }}
        onChange={onChange}
        locale={{ emptyText: emptyTable(tr('没有符合条件的案件', 'No case matches')) }}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: list?.total ?? 0,
          placement: ['bottomEnd'],
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showQuickJumper: true,
          showTotal: (total) => tr(`共 ${total} 件`, `${total} cases`),
        }}
      />
    </>
  );
}

export default function WorklistPage() {
  const { cityLabel } = useCityScope();
  return (
    <>
      <PageContainer title={cityTitle(pageTitle('worklist'), cityLabel)}>
        <CityScope>{(scope) => <Worklist {...scope} />}</CityScope>
      </PageContainer>
    </>
  );
}
