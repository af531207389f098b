import { isDemo } from "../env.server";
import { DEMO_SHOP } from "../demo/constants";
import { appBridgeShimSource } from "../demo/app-bridge-shim";

export const loader = async () => {
  if (!isDemo) throw new Response("Not found", { status: 404 });
  return new Response(appBridgeShimSource(DEMO_SHOP), {
    headers: { "Content-Type": "application/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
};
