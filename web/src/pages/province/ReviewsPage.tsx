/** PLACEHOLDER: replaced by the page's real implementation (issue 18). */
import { Empty } from 'antd';
import { PageContainer } from '../../components/PageContainer';
import { pageOf } from '../../app/pageAccess';
import { currentLang } from '../../labels';

export default function Page() {
  const title = pageOf('reviews').title;
  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      <Empty description="PLACEHOLDER" />
    </PageContainer>
  );
}
