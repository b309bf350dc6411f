/**
 * The public page (no log-in): the bad-conduct records and registration bars published today, found
 * by an exact name (a person or a unit) or a certificate number. ID numbers arrive masked from the
 * API; a withdrawn or expired record is never in the answer.
 */
import { SearchOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Space, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { PUBLISHED_RECORD_KIND_LABELS } from '../../../../domain/publication';
import { searchPublicRecords, type PublicRecord } from '../../api/publicRecords';
import { PUBLIC_PAGES } from '../../app/pageAccess';
import { errorText } from '../../components/problems';
import { certLabel, cityLabel } from '../../domainLabels';
import { formatDate } from '../../format';
import { currentLang, tr } from '../../labels';
import '../../components/province/province.css';
import '../../components/public/public.css';

interface SearchValues {
  name?: string;
  certNumber?: string;
}

interface DescriptionItem {
  key: string;
  label: string;
  children: ReactNode;
}

const blankToUndefined = (s: string | undefined): string | undefined => (s?.trim() ? s.trim() : undefined);

function RecordCard({ record }: { record: PublicRecord }) {
  const kind = currentLang() === 'zh' ? PUBLISHED_RECORD_KIND_LABELS[record.recordKind] : record.recordKind.replace(/_/g, ' ').toLowerCase();
  const subject = record.personName ?? record.unitName ?? '';
  const items: (DescriptionItem | false)[] = [
    record.personName !== null && { key: 'name', label: tr('姓名', 'Name'), children: record.personName },
    record.idNumberMasked !== null && {
      key: 'id',
      label: tr('身份证号', 'ID number'),
      children: <span data-testid="masked-id">{record.idNumberMasked}</span>,
    },
    record.certNumbers.length > 0 && { key: 'certs', label: tr('注册证书编号', 'Certificate numbers'), children: record.certNumbers.join('、') },
    record.certCategories.length > 0 && { key: 'cats', label: tr('注册类别', 'Categories'), children: record.certCategories.map(certLabel).join('、') },
    record.unitName !== null && { key: 'unit', label: tr('单位名称', 'Unit'), children: record.unitName },
    record.unitCode !== null && { key: 'uscc', label: tr('统一社会信用代码', 'Unified social credit code'), children: record.unitCode },
    { key: 'authority', label: tr('作出部门', 'Authority'), children: record.authorityName ?? cityLabel(record.cityCode) },
    record.decisionNo !== null && { key: 'decision', label: tr('决定书文号', 'Decision number'), children: record.decisionNo },
    record.basis !== null && { key: 'basis', label: tr('处理依据', 'Legal basis'), children: record.basis },
    { key: 'imposed', label: tr('生效日期', 'In effect from'), children: formatDate(record.imposedOn) },
    {
      key: 'period',
      label: record.recordKind === 'REGISTRATION_BAN' ? tr('不予受理注册期间', 'Ban period') : tr('公开期限', 'Published'),
      children: `${formatDate(record.publishedFrom)} ${tr('至', 'to')} ${formatDate(record.publishedUntil)}`,
    },
  ];
  return (
    <Card className="public-record" data-testid="public-record" title={`${kind}：${subject}`} size="small">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items.filter((x): x is DescriptionItem => x !== false)} />
    </Card>
  );
}

function PublicRecordsPage() {
  const page = PUBLIC_PAGES.records;
  const title = currentLang() === 'zh' ? page.title.zh : page.title.en;
  useEffect(() => {
    document.title = `${title} - ${tr('吉林省住房和城乡建设厅', 'Jilin Department of Housing and Urban-Rural Development')}`;
  }, [title]);
  const [form] = Form.useForm<SearchValues>();
  const search = useMutation({ mutationFn: searchPublicRecords });

  const submit = (v: SearchValues) => {
    const criteria = { name: blankToUndefined(v.name), certNumber: blankToUndefined(v.certNumber) };
    search.mutate(criteria);
  };

  return (
    <main id="main" className="public-page">
      <Typography.Title level={1} className="page-title">
        {title}
      </Typography.Title>
      <Typography.Paragraph className="hint">
        {tr(
          '公开经依法作出并送达的注册执业人员和单位不良行为记录、3年内不予受理注册申请的处理，在公开期限内可查。请输入完整姓名（或单位名称）或注册证书编号，按完全一致查询；身份证号仅显示前6位和后4位。',
          'Bad-conduct records and registration bars, published for their period. Enter a full name (or unit name) or a certificate number; matches are exact. ID numbers show their first 6 and last 4 characters only.',
        )}
      </Typography.Paragraph>
      <Card className="form-card">
        <Form<SearchValues> form={form} name="publicRecords" layout="vertical" onFinish={submit} requiredMark={false}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                label={tr('姓名或单位名称', 'Name or unit name')}
                name="name"
                rules={[
                  ({ getFieldValue }) => ({
                    validator(_, value: string | undefined) {
                      return blankToUndefined(value) || blankToUndefined(getFieldValue('certNumber') as string | undefined)
                        ? Promise.resolve()
                        : Promise.reject(new Error(tr('请填写姓名（单位名称）或注册证书编号，至少一项', 'Enter a name or a certificate number')));
                    },
                  }),
                ]}
              >
                <Input autoComplete="off" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={tr('注册证书编号', 'Certificate number')} name="certNumber">
                <Input autoComplete="off" maxLength={60} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} loading={search.isPending}>
              {tr('查询', 'Search')}
            </Button>
            <Button type="link" href="#/">
              {tr('工作人员登录', 'Staff log-in')}
            </Button>
          </Space>
        </Form>
      </Card>
      {search.isError && <Alert type="error" showIcon role="alert" title={tr('查询失败', 'Search failed')} description={errorText(search.error)} />}
      {search.isSuccess && (
        <section aria-label={tr('查询结果', 'Results')} data-testid="public-results">
          {search.data.records.length === 0 ? (
            <Empty description={tr('未查到在公开期限内的记录', 'No record published today matches')} />
          ) : (
            <Space direction="vertical" className="full-width">
              {search.data.records.map((r, i) => (
                <RecordCard key={`${r.recordKind}-${r.publishedFrom}-${i}`} record={r} />
              ))}
              {search.data.truncated && (
                <Alert type="info" showIcon title={tr('结果较多，仅显示前50条，请补充条件', 'Only the first 50 shown; narrow the search')} />
              )}
            </Space>
          )}
        </section>
      )}
    </main>
  );
}

export default PublicRecordsPage;
