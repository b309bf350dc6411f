/**
 * The console's entry: Ant Design in Chinese (English switchable; <html lang> follows), TanStack
 * Query for the API's answers, and a hash router (so no console address shadows an API path).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Empty, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';
import { z } from 'zod';
import { zhErrorMap } from '../../domain/fieldMessages';
import { whenSignedOut } from './api/http';
import { createQueryClient } from './api/queryClient';
import { CampaignProvider, useCampaignList } from './app/campaign';
import { ConsoleLayout } from './app/ConsoleLayout';
import { isPublicAddress } from './app/pageAccess';
import { usePrefersReducedMotion } from './app/reducedMotion';
import { pageRoutes, publicRoutes } from './app/routes';
import { SessionContext } from './app/session';
import { giveStylesTheNonce } from './app/styleNonce';
import { ErrorAlert } from './components/ErrorAlert';
import { currentLang, setLang, tr } from './labels';
import { LoginPage } from './pages/LoginPage';
import { clearSession, loadSession, type Session } from './session';
import './styles.css';

/** Ant Design's runtime <style> elements carry the page's CSP nonce (see web/serve.ts). */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
giveStylesTheNonce(nonce);

function applyLanguage(): void {
  setLang(currentLang());
  dayjs.locale(currentLang() === 'zh' ? 'zh-cn' : 'en');
  // A domain schema checked in the browser words its errors as the API does: 「字段」… in plain Chinese.
  z.config(currentLang() === 'zh' ? { customError: zhErrorMap } : { customError: undefined, ...z.locales.en() });
}

function SignedIn({ session, onLogout, onLanguage }: { session: Session; onLogout: () => void; onLanguage: () => void }) {
  const campaigns = useCampaignList();
  const router = useMemo(
    () =>
      createHashRouter([
        {
          path: '/',
          element: <ConsoleLayout onLogout={onLogout} onLanguage={onLanguage} />,
          errorElement: <Result status="error" title={tr('页面出错了，请刷新后重试', 'This page failed; reload and try again')} />,
          children: pageRoutes(session.user),
        },
      ]),
    [session, onLogout, onLanguage],
  );
  if (campaigns.isPending) return <Spin className="loading-block" />;
  if (campaigns.isError) return <ErrorAlert error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  return (
    <SessionContext.Provider value={session}>
      <CampaignProvider campaigns={campaigns.data}>
        <RouterProvider router={router} />
      </CampaignProvider>
    </SessionContext.Provider>
  );
}

/** The public pages (pageAccess.ts PUBLIC_PAGES): their own router, whatever the session. */
function PublicPages() {
  const router = useMemo(() => createHashRouter(publicRoutes()), []);
  return <RouterProvider router={router} />;
}

/** Whether the address is a public page, followed as the hash changes (a link from the log-in page). */
function usePublicAddress(): boolean {
  const read = () => isPublicAddress(location.hash.replace(/^#/, ''));
  const [isPublic, setPublic] = useState(read);
  useEffect(() => {
    const onChange = () => setPublic(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return isPublic;
}

function Console() {
  const isPublic = usePublicAddress();
  const reducedMotion = usePrefersReducedMotion();
  const [session, setSession] = useState(loadSession);
  const [lang, setLangState] = useState(currentLang);
  const queryClient = useMemo(createQueryClient, [session?.user.userId]);
  whenSignedOut(() => setSession(undefined));
  const switchLanguage = () => {
    setLang(lang === 'zh' ? 'en' : 'zh');
    applyLanguage();
    setLangState(currentLang());
  };
  const logout = () => {
    clearSession();
    sessionStorage.removeItem('gz.campaign');
    location.hash = '#/';
    setSession(undefined);
  };
  return (
    <ConfigProvider
      key={lang}
      locale={lang === 'zh' ? zhCN : enUS}
      csp={nonce ? { nonce } : undefined}
      renderEmpty={() => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('暂无数据', 'No data')} />}
      theme={{
        token: {
          colorPrimary: '#b71c1c',
          borderRadius: 4,
          fontSize: 14,
          // WCAG AA contrast (4.5:1, axe-core in the browser tests): Ant Design's placeholders (#bfbfbf),
          // secondary text (#8c8c8c), links (#1677ff) and error text (#ff4d4f) fall short on white.
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorLink: '#0958d9',
          colorError: '#cf1322',
          motion: !reducedMotion,
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          {isPublic ? (
            <PublicPages />
          ) : session ? (
            <SignedIn session={session} onLogout={logout} onLanguage={switchLanguage} />
          ) : (
            <LoginPage onSignedIn={setSession} onLanguage={switchLanguage} />
          )}
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

applyLanguage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
