/**
 * The registration desk's question: may this person be registered? A ban (3 years from a confirmed
 * violation, with the number and the legal basis of the decision it rests on) and a registration
 * frozen by an open case, looked up by ID number. The number is sent
 * in the body (never the address) and is not kept on the page after a new look-up.
 */
import { SearchOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, Result, Row, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { maskIdNumber, parseIdNumber } from '../../../../domain/idNumber';
import { lookUpBan, type BanLookup } from '../../api/bans';
import { pageOf } from '../../app/pageAccess';
import { PageContainer } from '../../components/PageContainer';
import { errorText } from '../../components/problems';
import { formatDate } from '../../format';
import { currentLang, tr } from '../../labels';
import { ToneTag } from '../../components/ToneTag';
import '../../components/province/province.css';

interface LookupValues {
  idNumber: string;
  onDate?: Dayjs | null;
}

/** The parser's reason in the page's language: it words them "中文 (English)". */
function reasonText(reason: string): string {
  const m = /^(.*?)\s*\((.*)\)\s*$/.exec(reason);
  if (!m) return reason;
  return currentLang() === 'zh' ? m[1] : m[2];
}

function Answer({ result, masked }: { result: BanLookup; masked: string }) {
  const status = result.banned ? 'error' : result.frozen ? 'warning' : 'success';
  const title = result.banned
    ? tr(`该人员处于禁止注册期内，至 ${formatDate(result.until)} 止`, `Under a registration ban until ${formatDate(result.until)}`)
    : result.frozen
      ? tr('该人员不在禁止注册期内，但其注册因未办结的核查案件被冻结', 'Not banned, but the registration is frozen by an open case')
      : tr('该人员不在禁止注册期内，注册未被冻结', 'Not banned; the registration is not frozen');
  return (
    <Card className="form-card" data-testid="ban-result">
      <Result
        status={status}
        title={<span data-testid="ban-verdict">{title}</span>}
        subTitle={tr(`身份证号 ${masked}，查询日期 ${formatDate(result.onDate)}`, `ID number ${masked}, as of ${formatDate(result.onDate)}`)}
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'banned',
            label: tr('禁止注册', 'Banned'),
            children: result.banned ? <ToneTag tone="bad">{tr('是', 'Yes')}</ToneTag> : <ToneTag tone="good">{tr('否', 'No')}</ToneTag>,
          },
          {
            key: 'frozen',
            label: tr('注册冻结', 'Frozen'),
            children: result.frozen ? (
              <ToneTag tone="warn">{tr('是（有未办结案件）', 'Yes (an open case)')}</ToneTag>
            ) : (
              <ToneTag tone="good">{tr('否', 'No')}</ToneTag>
            ),
          },
        ]}
      />
      {result.bans.length > 0 && (
        <Table
          className="ban-table"
          rowKey={(b) => `${b.start}-${b.end}-${b.caseId ?? ''}`}
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={result.bans}
          columns={[
            { title: tr('禁止期开始', 'From'), key: 'start', render: (_, b) => formatDate(b.start) },
            { title: tr('禁止期结束', 'Until'), key: 'end', render: (_, b) => formatDate(b.end) },
            {
              title: tr('决定书文号', 'Decision number'),
              key: 'decisionNo',
              render: (_, b) => (
                <span data-testid="ban-decision-no">{b.decisionNo ?? tr('（程序施行前记录，无文号）', '(recorded before the procedure: none)')}</span>
              ),
            },
            { title: tr('处理依据', 'Legal basis'), key: 'basis', render: (_, b) => b.basis ?? '—' },
            {
              title: tr('依据案件', 'Case'),
              key: 'case',
              render: (_, b) =>
                b.caseId ? (
                  <Link to={`/cases/${encodeURIComponent(b.caseId)}`}>{tr('查看案件', 'Open the case')}</Link>
                ) : (
                  tr('其他市（州）的案件', "Another city's case")
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function BansPage() {
  const title = pageOf('bans').title;
  const [form] = Form.useForm<LookupValues>();
  const lookup = useMutation({
    mutationFn: (v: { idNumber: string; onDate?: string }) => lookUpBan(v.idNumber, v.onDate),
  });

  const submit = (v: LookupValues) => {
    const parsed = parseIdNumber(v.idNumber);
    if (!parsed.ok) return;
    lookup.mutate({ idNumber: parsed.id18, onDate: v.onDate ? v.onDate.format('YYYY-MM-DD') : undefined });
  };

  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      <Card className="form-card">
        <Form<LookupValues> form={form} name="ban" layout="vertical" onFinish={submit} requiredMark={false}>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item
                label={tr('身份证号', 'ID number')}
                name="idNumber"
                extra={
                  <span className="hint">{tr('18 位居民身份证号（15 位旧号码亦可）', '18-digit resident ID number (an old 15-digit one is accepted)')}</span>
                }
                rules={[
                  { required: true, whitespace: true, message: tr('请输入身份证号', 'Enter the ID number') },
                  {
                    validator(_, value: string | undefined) {
                      if (!value?.trim()) return Promise.resolve();
                      const r = parseIdNumber(value);
                      return r.ok ? Promise.resolve() : Promise.reject(new Error(`${tr('身份证号无效', 'Not a valid ID number')}：${reasonText(r.reason)}`));
                    },
                  },
                ]}
              >
                <Input autoComplete="off" maxLength={18} onChange={() => lookup.reset()} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={tr('查询日期', 'As of')} name="onDate" extra={<span className="hint">{tr('可不填：默认今天', 'Optional: today')}</span>}>
                <DatePicker format="YYYY-MM-DD" className="full-width" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} loading={lookup.isPending}>
            {tr('查询', 'Look up')}
          </Button>
        </Form>
      </Card>
      {lookup.isError && <Alert type="error" showIcon role="alert" title={tr('查询失败', 'Look-up failed')} description={errorText(lookup.error)} />}
      {lookup.isSuccess && <Answer result={lookup.data} masked={maskIdNumber(lookup.variables.idNumber)} />}
    </PageContainer>
  );
}

export default BansPage;
