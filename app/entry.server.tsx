import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { env, isDemo } from "./env.server";
import db from "./db.server";
import { startAppWorker } from "./jobs/runtime.server";
import { startTrackingWork } from "./jobs/tracking.server";
import { addDocumentResponseHeaders, apiVersion } from "./shopify.server";

// The server runs the background worker (webhook inbox, backfills) in its own process, once.
if (env.BORDERLESS_WORKER === "1" && env.NODE_ENV !== "test") {
  startAppWorker(db, { apiVersion, emulatorUrl: env.SHOPIFY_EMULATOR_URL, ...(env.WORKER_LEASE_MS ? { leaseMs: Number(env.WORKER_LEASE_MS) } : {}) });
  startTrackingWork(db, env);
}

export const streamTimeout = 5000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  // The demo's stand-in for the Shopify admin frames the app from the app's own origin.
  if (isDemo) allowDemoFrame(responseHeaders, new URL(env.SHOPIFY_APP_URL).origin);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        console.error(error);
      },
    });
    // Leave React a moment after the stream timeout to flush rejected boundaries.
    setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * Errors thrown by loaders/actions: Responses are deliberate answers and pass through; anything
 * else is logged once here. The client never sees a stack trace (see root ErrorBoundary).
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (error instanceof Response) return;
  console.error(JSON.stringify({ level: "error", path: new URL(request.url).pathname, message: error instanceof Error ? error.message : String(error) }));
}

function allowDemoFrame(headers: Headers, origin: string) {
  const csp = headers.get("Content-Security-Policy");
  if (csp) headers.set("Content-Security-Policy", csp.replace("frame-ancestors", `frame-ancestors 'self' ${origin}`));
}
