/**
 * A list of worked tasks (督办任务 or 现场核查) with each one's state, and the task opened beside the
 * list in a drawer: read by everyone who may open the page, worked by `canWork`.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Drawer, Table, Typography } from 'antd';
import { useState } from 'react';
import { listTasks, type TaskScope, type WorkedTask } from '../../api/tasks';
import { useSession } from '../../app/session';
import { formatDate } from '../../format';
import { tr } from '../../labels';
import { emptyTable } from '../city/CityScope';
import { Loaded } from '../Loaded';
import { TaskPanel, taskQueryKey, TaskStatusTag } from './TaskPanel';

export function TaskList({ scope, canWork, title, empty }: { scope: TaskScope; canWork: boolean; title: string; empty: string }) {
  const query = useQuery({ queryKey: taskQueryKey(scope), queryFn: () => listTasks(scope) });
  const [open, setOpen] = useState<WorkedTask>();
  const me = useSession().user.userId;
  const onsite = scope.kind === 'onsite';
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} className="card-title">
          {title}
        </Typography.Title>
      }
    >
      <Loaded query={query}>
        {(items) => (
          <Table<WorkedTask>
            rowKey="taskId"
            size="small"
            dataSource={items}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: emptyTable(empty) }}
            pagination={{ defaultPageSize: 20, showTotal: (n) => tr(`共 ${n} 项`, `${n} in all`) }}
            columns={[
              onsite
                ? { key: 'unit', title: tr('单位', 'Unit'), render: (_v, t) => t.unit?.name }
                : { key: 'city', title: tr('市（州）', 'City'), dataIndex: 'cityName' },
              { key: 'reason', title: tr('缘由', 'Why'), dataIndex: 'reason' },
              { key: 'status', title: tr('状态', 'Status'), render: (_v, t) => <TaskStatusTag status={t.status} overdue={t.overdue} /> },
              { key: 'owner', title: tr('承办人', 'Owner'), render: (_v, t) => t.ownerName ?? t.owner ?? '—' },
              { key: 'due', title: tr('办理期限', 'Due'), render: (_v, t) => formatDate(t.dueDate) || '—' },
              { key: 'attachments', title: tr('附件', 'Files'), dataIndex: 'attachments' },
              {
                key: 'open',
                title: tr('操作', 'Action'),
                render: (_v, t) => (
                  <Button size="small" onClick={() => setOpen(t)} data-testid={`open-task-${t.taskId}`}>
                    {canWork && t.status !== 'closed' ? tr('办理', 'Work') : tr('查看', 'View')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
      <Drawer
        open={open !== undefined}
        onClose={() => setOpen(undefined)}
        size="large"
        title={open ? (onsite ? open.unit?.name : tr(`${open.cityName}现场调研督办`, `Supervision of ${open.cityName}`)) : ''}
        destroyOnHidden
      >
        {open && <TaskPanel scope={scope} taskId={open.taskId} canWork={canWork} me={me} />}
      </Drawer>
    </Card>
  );
}
