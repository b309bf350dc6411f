/** A failed load shown in place, in Chinese, with a way to try again; never a blank or raw page. */
import { Alert, Button } from 'antd';
import { tr } from '../labels';
import { errorText } from './problems';

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={tr('加载失败', 'Could not load')}
      description={errorText(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {tr('重试', 'Retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
