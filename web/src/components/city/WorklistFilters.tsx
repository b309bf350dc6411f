/** The worklist's filters (status, outcome, flag, category, 承办人, case number), kept in the address by the page. */
import { Button, Form, Input, Select } from 'antd';
import { memo, useEffect, useState } from 'react';
import { CertCategory } from '../../../../domain/certCategories';
import { FlagCode } from '../../../../domain/flags';
import { CaseOutcome } from '../../../../domain/outcomes';
import type { CaseStatus } from '../../api/cases';
import type { CityOfficer } from '../../api/assignments';
import { certLabel, flagLabel, outcomeLabel } from '../../domainLabels';
import { tr, tv } from '../../labels';
import { CASE_STATUSES, type WorklistState } from './worklistState';

type FilterFields = Pick<WorklistState, 'status' | 'outcome' | 'flag' | 'certCategory' | 'caseNo' | 'assignee'>;

/** The filters re-render only when a filter changes, not on every page change (a memo over the filter fields and stable callbacks). */
export const WorklistFilters = memo(function WorklistFilters({
  status,
  outcome,
  flag,
  certCategory,
  caseNo: caseNoFilter,
  assignee,
  officers,
  go,
  reset,
}: FilterFields & { officers: readonly CityOfficer[] | undefined; go: (patch: Partial<WorklistState>) => void; reset: () => void }) {
  const state = { status, outcome, flag, certCategory, caseNo: caseNoFilter, assignee };
  const [caseNo, setCaseNo] = useState(state.caseNo ?? '');
  useEffect(() => setCaseNo(state.caseNo ?? ''), [state.caseNo]);
  const all = tr('全部', 'All');
  return (
    <Form layout="inline" className="section worklist-filters" role="search" aria-label={tr('筛选案件', 'Filter the cases')}>
      <Form.Item label={tr('状态', 'Status')} htmlFor="wl-status">
        <Select<CaseStatus | ''>
          id="wl-status"
          style={{ minWidth: 120 }}
          value={state.status ?? ''}
          options={[{ value: '', label: all }, ...CASE_STATUSES.map((s) => ({ value: s, label: tv('caseStatus', s) }))]}
          onChange={(v) => go({ status: v || undefined, page: 1 })}
        />
      </Form.Item>
      <Form.Item label={tr('核查结论', 'Outcome')} htmlFor="wl-outcome">
        <Select<CaseOutcome | ''>
          id="wl-outcome"
          style={{ minWidth: 140 }}
          value={state.outcome ?? ''}
          options={[{ value: '', label: all }, ...CaseOutcome.options.map((o) => ({ value: o, label: outcomeLabel(o) }))]}
          onChange={(v) => go({ outcome: v || undefined, page: 1 })}
        />
      </Form.Item>
      <Form.Item label={tr('疑点类型', 'Flag')} htmlFor="wl-flag">
        <Select<FlagCode | ''>
          id="wl-flag"
          style={{ minWidth: 180 }}
          popupMatchSelectWidth={false}
          value={state.flag ?? ''}
          options={[{ value: '', label: all }, ...FlagCode.options.map((f) => ({ value: f, label: flagLabel(f) }))]}
          onChange={(v) => go({ flag: v || undefined, page: 1 })}
        />
      </Form.Item>
      <Form.Item label={tr('注册类别', 'Certificate category')} htmlFor="wl-cert">
        <Select<CertCategory | ''>
          id="wl-cert"
          style={{ minWidth: 180 }}
          popupMatchSelectWidth={false}
          value={state.certCategory ?? ''}
          options={[{ value: '', label: all }, ...CertCategory.options.map((c) => ({ value: c, label: certLabel(c) }))]}
          onChange={(v) => go({ certCategory: v || undefined, page: 1 })}
        />
      </Form.Item>
      <Form.Item label={tr('承办人', 'Officer')} htmlFor="wl-assignee">
        <Select<string>
          id="wl-assignee"
          style={{ minWidth: 140 }}
          popupMatchSelectWidth={false}
          value={state.assignee ?? 'all'}
          options={[
            { value: 'all', label: all },
            { value: 'me', label: tr('我的', 'Mine') },
            { value: 'unassigned', label: tr('未分配', 'Unassigned') },
            ...(officers ?? []).map((o) => ({ value: o.userId, label: o.displayName === o.userId ? o.userId : `${o.displayName}（${o.userId}）` })),
          ]}
          onChange={(v) => go({ assignee: v, page: 1 })}
        />
      </Form.Item>
      <Form.Item label={tr('案件编号', 'Case number')} htmlFor="wl-caseNo">
        <Input.Search
          id="wl-caseNo"
          allowClear
          maxLength={60}
          value={caseNo}
          placeholder={tr('输入编号的一部分', 'Part of the number')}
          enterButton={tr('查询', 'Search')}
          onChange={(e) => setCaseNo(e.target.value)}
          onSearch={(v) => go({ caseNo: v.trim() || undefined, page: 1 })}
        />
      </Form.Item>
      <Form.Item>
        <Button onClick={reset}>{tr('重置', 'Reset')}</Button>
      </Form.Item>
    </Form>
  );
});
