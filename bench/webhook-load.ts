/**
 * The load generator for the sync benchmark's webhook part, in a process of its own so it does
 * not take the event loop of the server it measures (Shopify's senders are elsewhere too). Reads
 * one JSON line on stdin ({ url, body, secret, orderIdMark, firstOrderId, headers, overallRate?, seconds }), sends for that
 * long, each request a distinct delivery of a distinct order (`orderIdMark` in the body replaced
 * by a new number, the body signed with the secret as Shopify signs it), and prints autocannon's
 * figures as one JSON line.
 */
import { createHmac, randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import autocannon from "autocannon";

interface LoadRequest {
  url: string;
  body: string;
  secret: string;
  /** Stands for the order id in the body template. */
  orderIdMark: string;
  firstOrderId: number;
  headers: Record<string, string>;
  overallRate?: number;
  seconds: number;
  connections?: number;
}

const [line] = await createInterface({ input: process.stdin })[Symbol.asyncIterator]().next().then((r) => [r.value as string]);
const { url, body: template, secret, orderIdMark, firstOrderId, headers, overallRate, seconds, connections = 20 } = JSON.parse(line!) as LoadRequest;
let orderId = firstOrderId;
const result = await autocannon({
  url, method: "POST", body: template, connections, duration: seconds, ...(overallRate ? { overallRate } : {}),
  requests: [{
    setupRequest: (req) => {
      const body = template.replaceAll(orderIdMark, String(orderId++));
      const hmac = createHmac("sha256", secret).update(body).digest("base64");
      return { ...req, body, headers: { ...headers, "x-shopify-hmac-sha256": hmac, "x-shopify-webhook-id": randomUUID(), "x-shopify-event-id": randomUUID() } };
    },
  }],
});
process.stdout.write(`${JSON.stringify({
  ok: result["2xx"], non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
  p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max,
})}\n`);
process.exit(0);
