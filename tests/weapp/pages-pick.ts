import type { PageCase } from './smoke'

/** The 多选转发 rows of the smoke suite's page table (tests/weapp/pages.ts), and the customer view of a selection. */
export const pickPages: readonly PageCase[] = [
  {
    // 多选转发: the feed's products to pick, nothing picked yet.
    route: 'pages/pick/index',
    persona: 'agent',
    shows: () => ['已选 0/9', '转发到朋友圈', '生成分享卡片'],
  },
  {
    // 多选转发 opened from 搜索's results (the query encoded, as navigateTo hands it over): that
    // search's products only, under what was searched.
    route: 'pages/pick/index',
    persona: 'agent',
    query: (d) => ({ q: encodeURIComponent(d.search.word), sort: 'newest' }),
    shows: (d) => [`搜索：${d.search.word}`, '已选 0/9', ...d.search.matches],
    hides: (d) => d.search.others,
  },
  {
    // The customer view of a selection whose token is unknown: no login needed.
    route: 'pages/selection/index',
    persona: 'new',
    query: () => ({ token: 'zzzzzzzzzzzzzzzz' }),
    shows: () => ['链接已失效'],
    allowedFailures: ['feed.selectionView:NOT_FOUND'],
  },
  {
    // 多选转发 opened by 我的小店's 添加商品: up to twenty products go into the storefront.
    route: 'pages/pick/index',
    persona: 'agent',
    query: () => ({ mode: 'storefront' }),
    shows: () => ['已选 0/20', '加入小店'],
  },
]
