/** Every page's frame: its one h1 (also the window title), optional actions and a back link. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { tr } from '../labels';

export function PageContainer(props: { title: string; extra?: ReactNode; back?: { to: string; label: string }; children: ReactNode }) {
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${props.title} - ${tr('吉林省挂证专项治理工作平台', 'Jilin certificate-hanging campaign')}`;
  }, [props.title]);
  return (
    <div className="page">
      {props.back && (
        <Button type="link" icon={<ArrowLeftOutlined />} className="page-back" onClick={() => void navigate(props.back!.to)}>
          {props.back.label}
        </Button>
      )}
      <Flex justify="space-between" align="center" wrap gap={12} className="page-head">
        <Typography.Title level={1} className="page-title">
          {props.title}
        </Typography.Title>
        {props.extra && (
          <Flex gap={8} wrap>
            {props.extra}
          </Flex>
        )}
      </Flex>
      {props.children}
    </div>
  );
}
