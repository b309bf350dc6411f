/**
 * A city's list of what it registered (declarations, deregistration requests, complaints): a card
 * with its heading, the list newest first, paged above and below, a sentence when it is empty.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { Loaded } from '../Loaded';
import { tr } from '../../labels';
import { emptyTable } from './CityScope';

export function IntakeList<T extends object>(props: {
  title: string;
  empty: string;
  query: UseQueryResult<T[]>;
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
}) {
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} className="card-title">
          {props.title}
        </Typography.Title>
      }
    >
      <Loaded query={props.query}>
        {(items) => (
          <Table<T>
            rowKey={props.rowKey}
            size="small"
            dataSource={[...items].reverse()}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: emptyTable(props.empty) }}
            pagination={{ placement: ['topEnd', 'bottomEnd'], defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => tr(`共 ${n} 条`, `${n} in all`) }}
            columns={props.columns}
          />
        )}
      </Loaded>
    </Card>
  );
}
