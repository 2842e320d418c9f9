export default defineAppConfig({
  // The main package holds only the tab pages (WeChat requires them there); every other page is in
  // a subpackage rooted at its own folder, so its path (printed codes, share cards, messages) is
  // unchanged while its code loads on demand (the main package is held to 1.3× a NutUI floor).
  pages: ['pages/feed/index', 'pages/mine/index'],
  subPackages: [
    ...[
      'profile',
      'bind',
      'suppliers',
      'shop',
      'product',
      'cart',
      'checkout',
      'share',
      'shares',
      'markup',
      'words',
      'pick',
      'selection',
      'search',
    ].map((page) => ({
      root: `pages/${page}`,
      pages: ['index'],
    })),
    { root: 'pages/orders', pages: ['index', 'detail/index'] },
    // 我的小店: the agent's storefront, and the customer's view of it.
    { root: 'pages/storefront', pages: ['index', 'view/index'] },
    // After-sales (R19): the agent's cases, applying, and one case.
    { root: 'pages/aftersale', pages: ['index', 'apply/index', 'detail/index'] },
    // Supplier admin pages (SPEC §1: suppliers run everything from admin pages in the same mini-program).
    {
      root: 'supplier',
      pages: [
        'register/index',
        'home/index',
        'profile/index',
        'agents/index',
        'tiers/index',
        'publish/category/index',
        'publish/form/index',
        'publish/success/index',
        'products/index',
        'shipping/index',
        'shipping/edit/index',
        'import/index',
        'orders/index',
        'orders/detail/index',
        'posts/index',
        'posts/publish/index',
        'aftersale/index',
        'aftersale/detail/index',
      ],
    },
    { root: 'operator', pages: ['review/index', 'aftersale/index', 'aftersale/detail/index'] },
  ],
  // R20: privacy-scoped APIs wait for the user's consent (the popup of src/components/PrivacyConsent).
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '微供',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#ff6a00',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/feed/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
      },
    ],
  },
})
