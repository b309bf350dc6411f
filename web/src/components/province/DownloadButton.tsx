/** A button that fetches a file with the bearer token and saves it; a failure is said in Chinese. */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorText } from '../problems';

export function DownloadButton(props: { download: () => Promise<void>; children: ReactNode; label?: string } & Pick<ButtonProps, 'size' | 'type'>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size={props.size}
      type={props.type}
      icon={<DownloadOutlined aria-hidden />}
      loading={busy}
      aria-label={props.label}
      onClick={() => {
        setBusy(true);
        props
          .download()
          .catch((err: unknown) => void message.error(errorText(err)))
          .finally(() => setBusy(false));
      }}
    >
      {props.children}
    </Button>
  );
}
