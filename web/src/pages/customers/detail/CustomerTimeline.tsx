import { EditOutlined, MergeOutlined, MessageOutlined, RollbackOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { customerDataApi, customerDataKeys, type TimelineItem, type TimelineKind } from '../../../api/customerData';
import { ErrorState, formatTime } from '../../../toolkit';

const ICONS: Record<TimelineKind, { icon: React.ReactNode; color: string }> = {
  interaction: { icon: <MessageOutlined />, color: 'blue' },
  change: { icon: <EditOutlined />, color: 'gray' },
  merge: { icon: <MergeOutlined />, color: 'purple' },
  order: { icon: <ShoppingCartOutlined />, color: 'green' },
  after_sale: { icon: <RollbackOutlined />, color: 'orange' },
};

/** Orders and after-sales entries link to their record. */
const LINKS: Partial<Record<TimelineKind, string>> = { order: '/orders/', after_sale: '/after-sales/' };

const PAGE = 20;

/**
 * The detail line of an entry. A change's detail is the list of changed field keys
 * ("name,consent"): shown as their labels in the UI language.
 */
export function timelineDetail(e: TimelineItem, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (e.kind === 'change' && /^[a-z_.]+(,[a-z_.]+)*$/.test(e.detail)) {
    return e.detail
      .split(',')
      .map((k) => t(`customers.fields.${k.replace('.', '_')}`, { defaultValue: k }))
      .join('、');
  }
  return e.detail;
}

/** 时间线 tab: communications, changes and merges newest first, "load more" by `next_before`. */
export function CustomerTimeline({ id }: { id: number }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: customerDataKeys.timeline(id),
    queryFn: ({ pageParam, signal }) => customerDataApi.timeline(id, pageParam, PAGE, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before ?? undefined,
  });
  if (query.error && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Spin />;
  const items: TimelineItem[] = query.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Empty description={t('timeline.empty')} data-testid="customer-timeline" />;
  return (
    <div data-testid="customer-timeline">
      <Timeline
        items={items.map((e, i) => {
          const look = ICONS[e.kind] ?? ICONS.change;
          return {
            key: `${e.at}-${e.kind}-${e.ref_id ?? ''}-${i}`,
            icon: look.icon,
            color: look.color,
            title: (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(e.at)}
              </Typography.Text>
            ),
            content: (
              <div data-testid={`timeline-item-${e.kind}`}>
                <Typography.Text strong>
                  {t(`timeline.kinds.${e.kind}`, { defaultValue: e.kind })} ·{' '}
                  {LINKS[e.kind] && e.ref_id ? <Link to={`${LINKS[e.kind]}${e.ref_id}`}>{e.title}</Link> : e.title}
                </Typography.Text>
                {e.detail && (
                  <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true, symbol: t('timeline.more') }}>
                    {timelineDetail(e, t)}
                  </Typography.Paragraph>
                )}
                {e.actor_name && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('timeline.by', { name: e.actor_name })}
                  </Typography.Text>
                )}
              </div>
            ),
          };
        })}
      />
      <Flex justify="center">
        {query.hasNextPage ? (
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="timeline-more">
            {t('timeline.loadMore')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('timeline.end')}</Typography.Text>
        )}
      </Flex>
    </div>
  );
}
