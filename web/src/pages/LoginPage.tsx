/** Log-in: user name and password; the API's lock-out and refusals are shown as it words them. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { answer, publicApi } from '../api/http';
import { PUBLIC_PAGES } from '../app/pageAccess';
import { errorText } from '../components/problems';
import { currentLang, tr } from '../labels';
import { saveSession, type Session } from '../session';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage(props: { onSignedIn: (session: Session) => void; onLanguage: () => void }) {
  const [form] = Form.useForm<LoginValues>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  document.title = `${tr('登录', 'Log in')} - ${tr('吉林省挂证专项治理工作平台', 'Jilin certificate-hanging campaign')}`;

  async function submit(values: LoginValues): Promise<void> {
    setFailure(undefined);
    setBusy(true);
    try {
      props.onSignedIn(saveSession(await answer(publicApi.POST('/auth/login', { body: { username: values.username.trim(), password: values.password } }))));
    } catch (err) {
      setFailure(`${tr('登录失败', 'Log-in failed')}：${errorText(err)}`);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <Card className="login-card">
        <Typography.Title level={1} className="login-title">
          {tr('吉林省挂证专项治理工作平台', 'Jilin certificate-hanging campaign')}
        </Typography.Title>
        <Typography.Title level={2} className="login-subtitle">
          {tr('登录', 'Log in')}
        </Typography.Title>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            label={tr('用户名', 'User name')}
            name="username"
            rules={[{ required: true, whitespace: true, message: tr('请输入用户名', 'Enter your user name') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={tr('密码', 'Password')} name="password" rules={[{ required: true, message: tr('请输入密码', 'Enter your password') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} role="alert" className="form-alert" />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {tr('登录', 'Log in')}
          </Button>
        </Form>
        <Button type="link" href={`#${PUBLIC_PAGES.records.path}`} className="login-language">
          {tr('公开信息查询（无需登录）', 'Published records (no log-in)')}
        </Button>
        <Button type="link" lang={currentLang() === 'zh' ? 'en' : 'zh-CN'} onClick={props.onLanguage} className="login-language">
          {currentLang() === 'zh' ? 'English' : '中文'}
        </Button>
      </Card>
    </main>
  );
}
