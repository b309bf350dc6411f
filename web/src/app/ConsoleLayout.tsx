/**
 * The frame every signed-in page sits in: the role's menu on the left (folding away on a narrow
 * screen), the campaign picker, the user, the language switch and log-out on top, the page below.
 */
import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Layout, Menu, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { cityName } from '../../../domain/cities';
import { currentLang, tr, tv } from '../labels';
import { useCampaign } from './campaign';
import { useKeyboardScrollableTables } from './keyboardScrollableTables';
import { menuOf } from './pageAccess';
import { useSession } from './session';

/**
 * The role's menu, lighting the page it is on. The only part of the frame that follows the address:
 * a worklist page change re-renders this and the page, not the header.
 */
function SideMenu() {
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const zh = currentLang() === 'zh';
  const items = menuOf(user).map((p) => ({ key: p.path, label: zh ? p.title.zh : p.title.en }));
  // The longest menu address the page is at or under: 发起行动 (/campaigns/new) lights alone, not also 专项行动 (/campaigns).
  const selected = items
    .map((i) => i.key)
    .filter((key) => location.pathname === key || location.pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return <Menu mode="inline" selectedKeys={selected} items={items} onClick={({ key }) => void navigate(key)} />;
}

export function ConsoleLayout(props: { onLogout: () => void; onLanguage: () => void }) {
  const session = useSession();
  const { campaigns, campaignId, choose } = useCampaign();
  const [collapsed, setCollapsed] = useState(false);
  const main = useRef<HTMLDivElement>(null);
  useKeyboardScrollableTables(main);
  const { role, cityCode, userId } = session.user;
  const zh = currentLang() === 'zh';

  return (
    <Layout className="console">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {tr('跳到主要内容', 'Skip to main content')}
      </a>
      <Layout.Header className="console-header">
        <Typography.Text strong className="brand">
          {tr('吉林省挂证专项治理工作平台', 'Jilin certificate-hanging campaign')}
        </Typography.Text>
        <Flex gap={12} align="center" wrap className="header-tools">
          <label htmlFor="campaign-select" className="header-label">
            {tr('当前行动', 'Campaign')}
          </label>
          <Select
            id="campaign-select"
            className="campaign-select"
            value={campaignId}
            placeholder={tr('暂无专项行动', 'No campaign yet')}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('暂无专项行动', 'No campaign yet')} />}
            options={campaigns.map((c) => ({ value: c.id, label: `${c.name}（${tv('phase', c.phase)}）` }))}
            onChange={choose}
            popupMatchSelectWidth={false}
          />
          <Space data-testid="who" className="who">
            <UserOutlined aria-hidden />
            <span>{userId}</span>
            <span>{tv('role', role)}</span>
            {cityCode && <span>{cityName(cityCode)}</span>}
          </Space>
          <Button icon={<GlobalOutlined />} lang={zh ? 'en' : 'zh-CN'} onClick={props.onLanguage}>
            {zh ? 'English' : '中文'}
          </Button>
          <Button icon={<LogoutOutlined />} onClick={props.onLogout}>
            {tr('退出登录', 'Log out')}
          </Button>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider breakpoint="lg" collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="light" width={200} className="console-sider">
          <nav aria-label={tr('主导航', 'Main')}>
            <SideMenu />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" tabIndex={-1} className="console-main" ref={main}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
