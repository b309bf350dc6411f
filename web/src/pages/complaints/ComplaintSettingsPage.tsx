/**
 * 投诉举报设置 (issue 20): each city's published hotline and mailbox (the public page shows them) and
 * the time limits (acceptance, handling, the reminder before each). The province coordinator edits;
 * supervisors and auditors read.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Table } from 'antd';
import { useState } from 'react';
import { complaintSettings, setComplaintChannels, setComplaintPeriods, type ComplaintChannel } from '../../api/complaints';
import { useSession } from '../../app/session';
import { pageTitle } from '../../components/city/CityScope';
import { PageContainer } from '../../components/PageContainer';
import { errorText } from '../../components/problems';
import { tr } from '../../labels';

function ChannelRow({ channel, canEdit }: { channel: ComplaintChannel; canEdit: boolean }) {
  const qc = useQueryClient();
  const [hotline, setHotline] = useState(channel.hotline ?? '');
  const [mailbox, setMailbox] = useState(channel.mailbox ?? '');
  const save = useMutation({
    mutationFn: () =>
      setComplaintChannels(channel.cityCode, {
        ...(hotline.trim() ? { hotline: hotline.trim() } : {}),
        ...(mailbox.trim() ? { mailbox: mailbox.trim() } : {}),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['complaint-settings'] }),
  });
  if (!canEdit) return <>{[channel.hotline, channel.mailbox].filter(Boolean).join('；') || tr('暂未公布', 'not published')}</>;
  return (
    <Space wrap>
      <Input
        aria-label={tr(`${channel.cityName}投诉举报电话`, 'Hotline')}
        value={hotline}
        onChange={(e) => setHotline(e.target.value)}
        placeholder={tr('电话', 'Hotline')}
        style={{ width: 180 }}
      />
      <Input
        aria-label={tr(`${channel.cityName}投诉举报信箱`, 'Mailbox')}
        value={mailbox}
        onChange={(e) => setMailbox(e.target.value)}
        placeholder={tr('信箱', 'Mailbox')}
        style={{ width: 260 }}
      />
      <Button onClick={() => save.mutate()} loading={save.isPending}>
        {tr('保存', 'Save')}
      </Button>
      {save.error && <Alert type="error" showIcon message={errorText(save.error)} />}
    </Space>
  );
}

export default function ComplaintSettingsPage() {
  const user = useSession().user;
  const canEdit = user.role === 'province_coordinator';
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['complaint-settings'], queryFn: complaintSettings });
  const periods = useMutation({
    mutationFn: setComplaintPeriods,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['complaint-settings'] }),
  });
  const p = settings.data?.periods;
  return (
    <PageContainer title={pageTitle('complaintSettings')}>
      {settings.error && <Alert type="error" showIcon message={errorText(settings.error)} />}
      <Card size="small" title={tr('各市（州）公布的投诉举报电话和信箱', 'Published hotlines and mailboxes')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="cityCode"
          pagination={false}
          loading={settings.isLoading}
          dataSource={settings.data?.channels ?? []}
          columns={[
            { title: tr('市（州）', 'City'), dataIndex: 'cityName' },
            {
              title: tr('电话和信箱', 'Hotline and mailbox'),
              key: 'edit',
              render: (_: unknown, c: ComplaintChannel) => <ChannelRow channel={c} canEdit={canEdit} />,
            },
          ]}
        />
      </Card>
      {p && (
        <Card size="small" title={tr('办理期限（日历日）', 'Time limits (calendar days)')}>
          <Form
            layout="inline"
            disabled={!canEdit}
            initialValues={{ acceptDays: p.acceptDays, handleDays: p.handleDays, remindDaysBefore: p.remindDaysBefore }}
            onFinish={(v: { acceptDays: number; handleDays: number; remindDaysBefore: number }) => periods.mutate(v)}
          >
            <Form.Item name="acceptDays" label={tr('受理期限', 'Accept within')}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Form.Item name="handleDays" label={tr('办理期限', 'Handle within')}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Form.Item name="remindDaysBefore" label={tr('提前提醒', 'Remind before')}>
              <InputNumber min={0} max={60} />
            </Form.Item>
            {canEdit && (
              <Button htmlType="submit" loading={periods.isPending}>
                {tr('保存', 'Save')}
              </Button>
            )}
          </Form>
          {periods.error && <Alert type="error" showIcon message={errorText(periods.error)} />}
        </Card>
      )}
    </PageContainer>
  );
}
