/**
 * The functions' configuration in the demo deployment (README: "Configuration of the functions"),
 * as a real deployment sets it per function in the cloud console: a WeChat Pay merchant number for
 * the cloudPay stand-in, and subscribe-message template ids, so that `npm start` and the tests pay
 * and send messages end to end, and a fixed development key sealing upload names (never a production one). A variable of the same name in the environment overrides it.
 */
export const demoFunctionEnv: Record<string, string> = {
  WEGONG_PAY_SUB_MCH_ID: '1900000109',
  WEGONG_SUBSCRIBE_ORDER_PAID: 'demo-tpl-order-paid',
  WEGONG_SUBSCRIBE_ORDER_SHIPPED: 'demo-tpl-order-shipped',
  WEGONG_SUBSCRIBE_ORDER_CANCEL_SOON: 'demo-tpl-order-cancel-soon',
  WEGONG_SUBSCRIBE_ORDER_REFUND: 'demo-tpl-order-refund',
  WEGONG_SUBSCRIBE_AFTERSALE: 'demo-tpl-aftersale',
  WEGONG_UPLOAD_KEY: 'wegong-local-development-upload-key',
}
