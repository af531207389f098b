export const DEMO_SHOP = "borderless-demo.myshopify.com";
export const DEMO_APP_BRIDGE_PATH = "/demo/app-bridge.js";
