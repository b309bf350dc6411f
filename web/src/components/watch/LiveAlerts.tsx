/**
 * The board's live connection: it follows GET /alerts/stream for the campaign, shows whether it
 * is connected (data-testid="stream-state"), and announces each new alert through an aria-live
 * region (data-testid="alerts-live"), so a screen reader hears it without losing its place.
 */
import { Badge, Typography } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { streamAlerts, type Alert, type StreamState } from '../../api/alerts';
import { cityLabel } from '../../domainLabels';
import { tr, tv } from '../../labels';
import { alertKindLabel } from './alertKinds';

/** Out of sight but read by screen readers. */
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

export function useAlertStream(campaignId: string | undefined, onAlert: (a: Alert) => void): { state: StreamState | undefined; announcement: string } {
  const [state, setState] = useState<StreamState>();
  const [announcement, setAnnouncement] = useState('');
  const handler = useRef(onAlert);
  handler.current = onAlert;
  useEffect(() => {
    setState(undefined);
    return streamAlerts(campaignId ? { campaignId } : {}, {
      alert: (a) => {
        handler.current(a);
        setAnnouncement(
          `${tr('新预警', 'New alert')}：${tv('level', a.level)} ${a.cityCode ? cityLabel(a.cityCode) : tr('全省', 'Province')} ${alertKindLabel(a.kind)} ${a.message}`,
        );
      },
      state: setState,
    });
  }, [campaignId]);
  return { state, announcement };
}

export function StreamStateBadge({ state }: { state: StreamState | undefined }) {
  const text = !state
    ? tr('正在连接实时推送…', 'Connecting to live updates…')
    : state.connected
      ? tr('已连接实时推送', 'Live updates connected')
      : state.ended?.message
        ? `${state.ended.message}${tr('正在重新连接…', ' Reconnecting…')}`
        : tr('实时推送已断开，正在重连…', 'Live updates lost; reconnecting…');
  return (
    <Typography.Text role="status" data-testid="stream-state" data-connected={state?.connected ? 'true' : 'false'}>
      <Badge status={state?.connected ? 'processing' : 'warning'} text={text} />
    </Typography.Text>
  );
}

export function LiveAnnouncement({ text }: { text: string }) {
  return (
    <div aria-live="assertive" data-testid="alerts-live" style={VISUALLY_HIDDEN}>
      {text}
    </div>
  );
}
