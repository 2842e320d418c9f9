/**
 * Who the demo is about: the OPENIDs match the H5 persona switcher, and the supplier's id is the
 * one its records and the tests name.
 */
export const demoOpenids = {
  supplier: 'demo-supplier',
  pendingSupplier: 'demo-supplier-2',
  agents: ['demo-agent-1', 'demo-agent-2'],
  operator: 'demo-operator',
} as const

export const DEMO_SUPPLIER_ID = 'demo-shop'
