/** A page opened by a role it is not for is refused with a plain explanation and a way home. */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { currentLang, tr } from '../labels';
import { homeOf, mayOpen, pageOf, type PageKey } from './pageAccess';
import { useSession } from './session';
import { PageContainer } from '../components/PageContainer';

export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const access = pageOf(page);
  if (mayOpen(access, user)) return <>{children}</>;
  const title = currentLang() === 'zh' ? access.title.zh : access.title.en;
  return (
    <PageContainer title={title}>
      <Result
        status="403"
        title={tr('无权访问此页面', 'You may not open this page')}
        subTitle={tr(
          '您的角色不能使用该功能；如需使用，请联系省级统筹人员。',
          'Your role cannot use this page; ask the provincial coordinator if you need it.',
        )}
        extra={
          <Button type="primary" onClick={() => void navigate(homeOf(user))}>
            {tr('返回首页', 'Back to my home page')}
          </Button>
        }
        data-testid="forbidden"
      />
    </PageContainer>
  );
}
