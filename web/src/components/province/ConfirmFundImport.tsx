/** Issue 21: the city's 住房公积金管理中心 confirms a completed fund-data import for its city. */
import { App, Button, Tag } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/http';
import { formatInstant } from '../../format';
import { tr } from '../../labels';
import { errorText } from '../problems';

export function ConfirmFundImport({ importId }: { importId: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [confirmedAt, setConfirmedAt] = useState<string>();
  if (confirmedAt) return <Tag data-testid="fund-confirmed">{tr(`已确认 ${formatInstant(confirmedAt)}`, `Confirmed ${formatInstant(confirmedAt)}`)}</Tag>;
  const confirm = async () => {
    setBusy(true);
    try {
      const r = await answer(api.POST('/imports/jobs/{importId}/confirmation', { params: { path: { importId } } }));
      setConfirmedAt(r.confirmedAt);
      void message.success(tr('已确认本市（州）公积金缴存数据', 'Fund data confirmed for the city'));
    } catch (err) {
      void message.error(tr(`未能确认：${errorText(err)}`, `Not confirmed: ${errorText(err)}`));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" type="primary" loading={busy} onClick={() => void confirm()} data-testid="confirm-fund-import">
      {tr('确认本市（州）公积金数据', 'Confirm the fund data for the city')}
    </Button>
  );
}
