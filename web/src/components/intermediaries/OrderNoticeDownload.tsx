/**
 * The rectification order's 责令限期整改通知书 (.docx), numbered by the city's 人社局 when the order was
 * issued: one button beside the order. A component of its own so the intermediary panel only places it.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadOrderNotice, type OrderRef } from '../../api/intermediaryDocuments';
import { tr } from '../../labels';
import { errorText } from '../problems';

/** `number`: the order's `noticeNumber` (GET …/intermediaries/{id}), shown on the button once taken. */
export function OrderNoticeDownload({ order, number }: { order: OrderRef; number?: string | null }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function download(): Promise<void> {
    setBusy(true);
    try {
      await downloadOrderNotice(order);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={() => void download()}>
      {tr('下载责令限期整改通知书', 'Download the rectification notice')}
      {number ? `（${number}）` : ''}
    </Button>
  );
}
