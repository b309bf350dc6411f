/**
 * Launching a campaign: the seed document's calendar prefilled, every city ticked, the rule
 * defaults shown, the data snapshot picked from those made on the snapshots page. The form checks
 * in Chinese what the API would refuse, warns before launching with a date already past, asks
 * for confirmation, and shows the API's own refusal beside the fields it names.
 */
import { RocketOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Typography,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SEED_CALENDAR } from '../../../../domain/calendar';
import { cityName, JILIN_CITIES } from '../../../../domain/cities';
import { launchCampaign, validateLaunch, type LaunchCheck, type LaunchRequest } from '../../api/campaigns';
import { newIdempotencyKey } from '../../api/http';
import { listSnapshots, type SnapshotSummary } from '../../api/snapshots';
import { campaignsQueryKey, useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { PageContainer } from '../../components/PageContainer';
import { showProblemInForm } from '../../components/problems';
import { formatDate, formatInstant } from '../../format';
import { currentLang, tr, tv } from '../../labels';
import { num } from '../../components/province/batches';

import '../../components/province/province.css';

type Window = { start: Dayjs; deadline: Dayjs };

interface LaunchValues {
  id: string;
  name: string;
  calendar: { selfCheck: Window; progressNotice: { date: Dayjs }; investigation: Window; provincialVerification: Window };
  cities: string[];
  dataSources: { snapshotId?: number };
  rules: {
    windowMonths: number;
    ageLimit: number;
    asOf?: Dayjs | null;
    reminderAfterDays: number;
    escalateAfterDays: number;
    dueSoonDays: (number | string)[];
  };
  clock: { kind: 'calendar' | 'compressed'; minutesPerDay?: number };
}

type DateName = ['calendar', 'selfCheck' | 'investigation' | 'provincialVerification', 'start' | 'deadline'] | ['calendar', 'progressNotice', 'date'];

/** The calendar's seven dates, in order, with the words a coordinator knows them by. */
const DATE_FIELDS: { name: DateName; zh: string; en: string }[] = [
  { name: ['calendar', 'selfCheck', 'start'], zh: '自查自纠开始日期', en: 'Self-check starts' },
  { name: ['calendar', 'selfCheck', 'deadline'], zh: '自查自纠截止日期', en: 'Self-check deadline' },
  { name: ['calendar', 'progressNotice', 'date'], zh: '进展通报日期', en: 'Progress notice date' },
  { name: ['calendar', 'investigation', 'start'], zh: '市（州）排查开始日期', en: 'Investigation starts' },
  { name: ['calendar', 'investigation', 'deadline'], zh: '市（州）排查截止日期', en: 'Investigation deadline' },
  { name: ['calendar', 'provincialVerification', 'start'], zh: '省厅核查开始日期', en: 'Provincial verification starts' },
  { name: ['calendar', 'provincialVerification', 'deadline'], zh: '省厅核查截止日期', en: 'Provincial verification deadline' },
];

const RULE_DEFAULTS = { windowMonths: 3, ageLimit: 65, reminderAfterDays: 7, escalateAfterDays: 14, dueSoonDays: [7, 1] };
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

function initialValues(snapshotId: number | undefined): Partial<LaunchValues> {
  const d = (s: string) => dayjs(s);
  return {
    name: '吉林省注册执业人员挂证专项治理',
    calendar: {
      selfCheck: { start: d(SEED_CALENDAR.selfCheck.start), deadline: d(SEED_CALENDAR.selfCheck.deadline) },
      progressNotice: { date: d(SEED_CALENDAR.progressNotice.date) },
      investigation: { start: d(SEED_CALENDAR.investigation.start), deadline: d(SEED_CALENDAR.investigation.deadline) },
      provincialVerification: { start: d(SEED_CALENDAR.provincialVerification.start), deadline: d(SEED_CALENDAR.provincialVerification.deadline) },
    },
    cities: JILIN_CITIES.map((c) => c.code),
    dataSources: { snapshotId },
    rules: { ...RULE_DEFAULTS, asOf: null },
    clock: { kind: 'calendar', minutesPerDay: 1 },
  };
}

const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

function requestOf(v: LaunchValues): LaunchRequest {
  const cal = v.calendar;
  return {
    id: v.id.trim(),
    name: v.name.trim(),
    calendar: {
      selfCheck: { start: iso(cal.selfCheck.start), deadline: iso(cal.selfCheck.deadline) },
      progressNotice: { date: iso(cal.progressNotice.date) },
      investigation: { start: iso(cal.investigation.start), deadline: iso(cal.investigation.deadline) },
      provincialVerification: { start: iso(cal.provincialVerification.start), deadline: iso(cal.provincialVerification.deadline) },
    },
    cities: v.cities,
    dataSources: { snapshotId: v.dataSources.snapshotId },
    rules: {
      windowMonths: v.rules.windowMonths,
      ageLimit: v.rules.ageLimit,
      ...(v.rules.asOf ? { asOf: v.rules.asOf.format('YYYY-MM') } : {}),
      reminderAfterDays: v.rules.reminderAfterDays,
      escalateAfterDays: v.rules.escalateAfterDays,
      dueSoonDays: [...new Set(v.rules.dueSoonDays.map(Number))].sort((a, b) => b - a),
    },
    // A compressed clock starts its first calendar day now: the demo's whole campaign passes in minutes.
    clock:
      v.clock.kind === 'compressed'
        ? { kind: 'compressed', start: new Date(Date.now() + 5_000).toISOString(), minutesPerDay: v.clock.minutesPerDay ?? 1 }
        : { kind: 'calendar' },
  };
}

/** A refusal: its field errors beside their fields, and above the button what it says besides (or that the fields say why). */
function refusal(form: FormInstance<LaunchValues>, err: unknown): string[] {
  const rest = showProblemInForm(form, err);
  return rest.length > 0 ? rest : [tr('请按标出字段旁的说明修改后再发起', 'Correct the fields as their notes say, then launch again')];
}

/** The snapshot as a coordinator recognises it: its name, when it was made, and what it holds. */
function snapshotLabel(s: SnapshotSummary): string {
  const sources = s.sources.map((x) => `${tv('source', x.source)} ${num(x.rows)} ${tr('行', 'rows')}`).join(tr('、', ', '));
  return `${tr('快照', 'Snapshot')} ${s.snapshotId}：${s.label} · ${formatInstant(s.createdAt)} · ${sources || tr('无数据', 'no data')}`;
}

/** A rule: the later date may not come before the earlier one (or must come after it, when strict). */
function after(earlier: DateName, message: () => string, strict: boolean) {
  return ({ getFieldValue }: { getFieldValue: (name: DateName) => Dayjs | undefined }) => ({
    validator(_: unknown, value: Dayjs | undefined) {
      const e = getFieldValue(earlier);
      if (!value || !e) return Promise.resolve();
      const ok = strict ? value.isAfter(e, 'day') : !value.isBefore(e, 'day');
      return ok ? Promise.resolve() : Promise.reject(new Error(message()));
    },
  });
}

const ORDER_RULES: Partial<Record<string, ReturnType<typeof after>[]>> = {
  'selfCheck.deadline': [
    after(['calendar', 'selfCheck', 'start'], () => tr('自查自纠截止日期不能早于开始日期', 'The deadline cannot come before the start'), false),
  ],
  'progressNotice.date': [
    after(['calendar', 'selfCheck', 'deadline'], () => tr('通报日期须在自查自纠截止日期之后', 'The notice comes after the self-check deadline'), true),
    ({ getFieldValue }) => ({
      validator(_: unknown, value: Dayjs | undefined) {
        const end = getFieldValue(['calendar', 'investigation', 'deadline']);
        return !value || !end || !value.isAfter(end, 'day')
          ? Promise.resolve()
          : Promise.reject(new Error(tr('通报日期不能晚于排查截止日期', 'The notice falls within the investigation')));
      },
    }),
  ],
  'investigation.start': [
    after(['calendar', 'selfCheck', 'deadline'], () => tr('排查须在自查自纠截止之后开始', 'The investigation starts after the self-check deadline'), true),
  ],
  'investigation.deadline': [
    after(['calendar', 'investigation', 'start'], () => tr('排查截止日期不能早于开始日期', 'The deadline cannot come before the start'), false),
  ],
  'provincialVerification.start': [
    after(
      ['calendar', 'investigation', 'deadline'],
      () => tr('省厅核查须在排查截止之后开始', 'Provincial verification starts after the investigation deadline'),
      true,
    ),
  ],
  'provincialVerification.deadline': [
    after(['calendar', 'provincialVerification', 'start'], () => tr('省厅核查截止日期不能早于开始日期', 'The deadline cannot come before the start'), false),
  ],
};

/** Which fields a date's rules read, so changing one re-checks the others. */
const ALL_DATES = DATE_FIELDS.map((f) => f.name);

/** What the coordinator confirms: the campaign, its cities and data, and every warning of the API's check. */
function LaunchSummary({ body, check }: { body: LaunchRequest; check: LaunchCheck }) {
  const cities = body.cities ?? [];
  return (
    <div data-testid="launch-confirm">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'name', label: tr('行动名称', 'Name'), children: `${body.name}（${body.id}）` },
          { key: 'cities', label: tr('参与市（州）', 'Cities'), children: cities.map((c) => cityName(c)).join('、') },
          {
            key: 'snapshot',
            label: tr('数据快照', 'Snapshot'),
            children: check.snapshot ? snapshotLabel(check.snapshot) : `${body.dataSources.snapshotId ?? ''}`,
          },
          {
            key: 'calendar',
            label: tr('工作日程', 'Calendar'),
            children: `${formatDate(body.calendar?.selfCheck.start)} — ${formatDate(body.calendar?.provincialVerification.deadline)}`,
          },
        ]}
      />
      {check.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={tr('请注意', 'Please note')}
          data-testid="launch-warnings"
          description={
            <ul className="past-dates">
              {check.warnings.map((w) => (
                <li key={`${w.path}:${w.message}`}>{w.message}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}

function LaunchPage() {
  const title = pageOf('launch').title;
  const [form] = Form.useForm<LaunchValues>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { choose } = useCampaign();
  const { message, modal } = App.useApp();
  const [failure, setFailure] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const snapshots = useQuery({ queryKey: ['snapshots'], queryFn: listSnapshots });
  const preset = Number(params.get('snapshot')) || undefined;
  const clockKind = Form.useWatch(['clock', 'kind'], form);

  async function launch(values: LaunchValues): Promise<void> {
    setFailure([]);
    const body = requestOf(values);
    setBusy(true);
    let check: LaunchCheck;
    try {
      // The API's own checks first (snapshot complete, id free, each date and their order): nothing starts.
      check = await validateLaunch(body);
    } catch (err) {
      setFailure(refusal(form, err));
      setBusy(false);
      return;
    }
    setBusy(false);
    const confirmed = await modal.confirm({
      title: tr('确认发起专项行动？', 'Launch this campaign?'),
      width: 560,
      content: <LaunchSummary body={body} check={check} />,
      okText: tr('确认发起', 'Launch'),
      cancelText: tr('返回修改', 'Back to the form'),
    });
    if (!confirmed) return;
    setBusy(true);
    try {
      const launched = await launchCampaign(body, newIdempotencyKey());
      await queryClient.invalidateQueries({ queryKey: campaignsQueryKey });
      choose(launched.campaignId);
      void message.success(tr(`已发起专项行动：${body.name}`, `Campaign launched: ${body.name}`));
      void navigate('/overview');
    } catch (err) {
      setFailure(refusal(form, err));
    } finally {
      setBusy(false);
    }
  }

  const dateItem = (f: (typeof DATE_FIELDS)[number]) => (
    <Col xs={24} sm={12} lg={8} key={f.name.join('.')}>
      <Form.Item
        label={tr(f.zh, f.en)}
        name={f.name}
        dependencies={ALL_DATES.filter((n) => n.join('.') !== f.name.join('.'))}
        rules={[{ required: true, message: tr(`请选择${f.zh}`, `Choose the date: ${f.en}`) }, ...(ORDER_RULES[f.name.slice(1).join('.')] ?? [])]}
      >
        <DatePicker format="YYYY-MM-DD" className="full-width" />
      </Form.Item>
    </Col>
  );

  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en} back={{ to: '/campaigns', label: tr('返回专项行动', 'Back to campaigns') }}>
      <Form<LaunchValues>
        form={form}
        name="launch"
        layout="vertical"
        initialValues={initialValues(preset)}
        onFinish={(v) => void launch(v)}
        onFinishFailed={() => setFailure([tr('请更正标出的错误', 'Correct the fields marked')])}
        scrollToFirstError={{ focus: true }}
        className="launch-form"
      >
        <Card title={tr('基本信息', 'The campaign')} className="form-card">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item
                label={tr('行动编号', 'Campaign ID')}
                name="id"
                extra={<span className="hint">{tr('例如 jl-2024；小写字母、数字和“-”', 'e.g. jl-2024; lower-case letters, digits and "-"')}</span>}
                rules={[
                  { required: true, whitespace: true, message: tr('请填写行动编号', 'Enter an ID') },
                  {
                    pattern: ID_PATTERN,
                    message: tr(
                      '行动编号只能由小写字母、数字和“-”组成，以字母或数字开头，最多 63 个字符',
                      'Lower-case letters, digits and "-", starting with a letter or digit, at most 63 characters',
                    ),
                  },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item
                label={tr('行动名称', 'Name')}
                name="name"
                rules={[
                  { required: true, whitespace: true, message: tr('请填写行动名称', 'Enter a name') },
                  { max: 200, message: tr('行动名称最多 200 个字', 'At most 200 characters') },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={tr('工作日程', 'Calendar')} className="form-card">
          <Typography.Paragraph className="hint">
            {tr('已按省厅文件的日程预填，可按需调整。', "Prefilled with the province's calendar; adjust as needed.")}
          </Typography.Paragraph>
          <Row gutter={16}>{DATE_FIELDS.map(dateItem)}</Row>
        </Card>

        <Card title={tr('参与市（州）', 'Cities')} className="form-card">
          <fieldset className="plain-fieldset">
            <legend className="visually-hidden">{tr('参与市（州）', 'Cities')}</legend>
            <Form.Item
              name="cities"
              rules={[
                {
                  validator: (_, value: string[] | undefined) =>
                    value?.length ? Promise.resolve() : Promise.reject(new Error(tr('请至少选择一个市（州）', 'Choose at least one city'))),
                },
              ]}
            >
              <Checkbox.Group options={JILIN_CITIES.map((c) => ({ value: c.code, label: c.name }))} />
            </Form.Item>
          </fieldset>
          <Flex gap={8}>
            <Button
              size="small"
              onClick={() =>
                form.setFieldValue(
                  'cities',
                  JILIN_CITIES.map((c) => c.code),
                )
              }
            >
              {tr('全选', 'All')}
            </Button>
            <Button size="small" onClick={() => form.setFieldValue('cities', [])}>
              {tr('全不选', 'None')}
            </Button>
          </Flex>
        </Card>

        <Card title={tr('数据来源', 'Data')} className="form-card">
          <Form.Item
            label={tr('数据快照', 'Data snapshot')}
            name={['dataSources', 'snapshotId']}
            extra={
              <span className="hint">
                {tr(
                  '在“数据导入”页导入各类数据，再在“数据快照”页生成快照。',
                  'Import the data on the imports page, then make a snapshot on the snapshots page.',
                )}{' '}
                <Link to="/snapshots">{tr('去生成快照', 'Make a snapshot')}</Link>
              </span>
            }
            rules={[{ required: true, message: tr('请选择数据快照', 'Choose a data snapshot') }]}
          >
            <Select
              placeholder={tr('请选择数据快照', 'Choose a snapshot')}
              loading={snapshots.isPending}
              options={(snapshots.data ?? []).map((s) => ({
                value: s.snapshotId,
                label: s.usable ? snapshotLabel(s) : `${snapshotLabel(s)}（${tr('不可用', 'unusable')}：${s.problems.join('；')}）`,
                disabled: !s.usable,
              }))}
              notFoundContent={tr('暂无数据快照', 'No snapshot yet')}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          {snapshots.isError && (
            <Alert type="warning" showIcon title={tr('数据快照列表暂时无法读取，请稍后刷新', 'The snapshot list cannot be read now; reload later')} />
          )}
        </Card>

        <Card title={tr('规则设置', 'Rules')} className="form-card">
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                label={tr('比对窗口（月）', 'Screening window (months)')}
                name={['rules', 'windowMonths']}
                rules={[{ required: true, type: 'integer', min: 1, max: 60, message: tr('比对窗口应为 1–60 个月', '1 to 60 months') }]}
              >
                <InputNumber min={1} max={60} precision={0} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                label={tr('年龄上限（周岁）', 'Age limit (years)')}
                name={['rules', 'ageLimit']}
                rules={[{ required: true, type: 'integer', min: 16, max: 120, message: tr('年龄上限应为 16–120 周岁', '16 to 120 years') }]}
              >
                <InputNumber min={16} max={120} precision={0} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                label={tr('比对基准月', 'Screening month')}
                name={['rules', 'asOf']}
                extra={<span className="hint">{tr('可不填：默认取社保数据的最新月份', 'Optional: the latest month of the social-insurance data')}</span>}
              >
                <DatePicker picker="month" format="YYYY-MM" className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                label={tr('未处理提醒（天）', 'Remind after (days)')}
                name={['rules', 'reminderAfterDays']}
                rules={[{ required: true, type: 'integer', min: 1, message: tr('请填写不小于 1 的天数', 'At least 1 day') }]}
              >
                <InputNumber min={1} precision={0} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                label={tr('上报督导（天）', 'Escalate after (days)')}
                name={['rules', 'escalateAfterDays']}
                dependencies={[['rules', 'reminderAfterDays']]}
                rules={[
                  { required: true, type: 'integer', min: 1, message: tr('请填写不小于 1 的天数', 'At least 1 day') },
                  ({ getFieldValue }) => ({
                    validator(_, value: number | undefined) {
                      const reminder = getFieldValue(['rules', 'reminderAfterDays']) as number | undefined;
                      return value === undefined || reminder === undefined || value > reminder
                        ? Promise.resolve()
                        : Promise.reject(new Error(tr('上报督导的天数须大于未处理提醒的天数', 'Escalation must come after the reminder')));
                    },
                  }),
                ]}
              >
                <InputNumber min={1} precision={0} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item
                label={tr('临期提醒（截止前天数）', 'Due-soon warnings (days before)')}
                name={['rules', 'dueSoonDays']}
                rules={[
                  {
                    validator(_, value: (number | string)[] | undefined) {
                      const bad = (value ?? []).some((v) => !/^\d+$/.test(String(v)) || Number(v) < 1 || Number(v) > 60);
                      return bad ? Promise.reject(new Error(tr('每个天数应为 1–60 的整数', 'Each must be a whole number from 1 to 60'))) : Promise.resolve();
                    },
                  },
                ]}
              >
                <Select mode="tags" tokenSeparators={[',', '，', ' ']} options={[14, 7, 3, 1].map((n) => ({ value: n, label: String(n) }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Collapse
          className="form-card"
          items={[
            {
              key: 'clock',
              label: tr('演示时钟（可选）', 'Demo clock (optional)'),
              forceRender: true,
              children: (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item label={tr('时钟', 'Clock')} name={['clock', 'kind']}>
                      <Radio.Group
                        options={[
                          { value: 'calendar', label: tr('按实际日历', 'The real calendar') },
                          { value: 'compressed', label: tr('压缩时钟（演示用）', 'Compressed (demo)') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  {clockKind === 'compressed' && (
                    <Col xs={24} md={12}>
                      <Form.Item
                        label={tr('每个日历日折合（分钟）', 'Minutes per calendar day')}
                        name={['clock', 'minutesPerDay']}
                        rules={[{ required: true, type: 'number', min: 0.05, max: 1440, message: tr('应为 0.05–1440 分钟', '0.05 to 1440 minutes') }]}
                      >
                        <InputNumber min={0.05} max={1440} step={0.25} className="full-width" />
                      </Form.Item>
                    </Col>
                  )}
                </Row>
              ),
            },
          ]}
        />

        {failure.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="form-alert"
            title={tr('未能发起', 'Not launched')}
            description={
              failure.length === 1 ? (
                failure[0]
              ) : (
                <ul>
                  {failure.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              )
            }
            data-testid="launch-failure"
          />
        )}
        <Flex gap={8} className="form-actions">
          {/* A button that shows loading has an icon of its own: Ant Design then swaps it for the spinner, without the
              collapse motion that can leave the hidden spinner's "loading" label in the button's name. */}
          <Button type="primary" htmlType="submit" icon={<RocketOutlined aria-hidden />} loading={busy}>
            {tr('发起', 'Launch')}
          </Button>
          <Button onClick={() => void navigate('/campaigns')}>{tr('取消', 'Cancel')}</Button>
        </Flex>
      </Form>
    </PageContainer>
  );
}

export default LaunchPage;
