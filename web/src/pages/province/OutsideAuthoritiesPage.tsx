/**
 * 移送部门 (issue 20 item 6): the outside authorities a city may refer a case to (人社, 公安, 市场监管,
 * 组织人事, another province's 住建...). The province coordinator adds one or changes its name, or
 * stops offering it; referrals already made keep the name they were sent under.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Switch, Table } from 'antd';
import { useEffect, useState } from 'react';
import { getOutsideAuthorities, outsideAuthoritiesQueryKey, saveOutsideAuthority, type OutsideAuthority } from '../../api/outsideAuthorities';
import { pageTitle } from '../../components/city/CityScope';
import { PageContainer } from '../../components/PageContainer';
import { ToneTag } from '../../components/ToneTag';
import { errorText } from '../../components/problems';
import { formatInstant } from '../../format';
import { tr } from '../../labels';

interface AuthorityForm {
  code: string;
  name: string;
  active: boolean;
}

const NEW_AUTHORITY: AuthorityForm = { code: '', name: '', active: true };
const CODE_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

function AuthorityEditor({ editing, onDone }: { editing: OutsideAuthority | null; onDone: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<AuthorityForm>();
  // The form shows the authority being edited, or a blank new one.
  useEffect(() => {
    form.setFieldsValue(editing ? { code: editing.code, name: editing.name, active: editing.active } : NEW_AUTHORITY);
  }, [editing, form]);
  const save = useMutation({
    mutationFn: (v: AuthorityForm) => saveOutsideAuthority(v.code, { name: v.name.trim(), active: v.active }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: outsideAuthoritiesQueryKey });
      onDone();
      if (!editing) form.setFieldsValue(NEW_AUTHORITY);
    },
  });
  return (
    <Card
      size="small"
      title={editing ? tr(`修改移送部门：${editing.name}`, `Edit ${editing.name}`) : tr('新增移送部门', 'Add an authority')}
      style={{ marginBottom: 16 }}
    >
      <Form<AuthorityForm> form={form} layout="inline" initialValues={NEW_AUTHORITY} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="code"
          label={tr('部门代码', 'Code')}
          rules={[
            { required: true, message: tr('请填写部门代码', 'Enter a code') },
            {
              pattern: CODE_PATTERN,
              message: tr('应为1至40位小写字母、数字、下划线或连字符，以字母开头', '1–40 lower-case letters, digits, _ or -, beginning with a letter'),
            },
          ]}
        >
          <Input disabled={editing !== null} placeholder="province-hr" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="name" label={tr('部门名称', 'Name')} rules={[{ required: true, whitespace: true, message: tr('请填写部门名称', 'Enter a name') }]}>
          <Input maxLength={200} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="active" label={tr('是否可选', 'Offered')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {tr('保存', 'Save')}
          </Button>
          {editing && <Button onClick={onDone}>{tr('取消', 'Cancel')}</Button>}
        </Space>
      </Form>
      {save.error && <Alert type="error" showIcon message={errorText(save.error)} style={{ marginTop: 8 }} />}
    </Card>
  );
}

export default function OutsideAuthoritiesPage() {
  const [editing, setEditing] = useState<OutsideAuthority | null>(null);
  const authorities = useQuery({ queryKey: outsideAuthoritiesQueryKey, queryFn: getOutsideAuthorities });
  return (
    <PageContainer title={pageTitle('outsideAuthorities')}>
      <AuthorityEditor editing={editing} onDone={() => setEditing(null)} />
      {authorities.error && <Alert type="error" showIcon message={errorText(authorities.error)} />}
      <Card size="small" title={tr('可移送的部门', 'Authorities a case may be referred to')}>
        <Table<OutsideAuthority>
          size="small"
          rowKey="code"
          pagination={false}
          loading={authorities.isLoading}
          dataSource={authorities.data ?? []}
          scroll={{ x: 'max-content' }}
          data-testid="outside-authorities-table"
          columns={[
            { title: tr('部门代码', 'Code'), dataIndex: 'code', key: 'code' },
            { title: tr('部门名称', 'Name'), dataIndex: 'name', key: 'name' },
            {
              title: tr('状态', 'Status'),
              key: 'active',
              render: (_, a) =>
                a.active ? <ToneTag tone="good">{tr('可选', 'Offered')}</ToneTag> : <ToneTag tone="plain">{tr('停用', 'Not offered')}</ToneTag>,
            },
            { title: tr('修改时间', 'Changed at'), key: 'updatedAt', render: (_, a) => formatInstant(a.updatedAt) },
            {
              title: tr('操作', 'Action'),
              key: 'edit',
              render: (_, a) => (
                <Button size="small" onClick={() => setEditing(a)}>
                  {tr('修改', 'Edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
