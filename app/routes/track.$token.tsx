import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TrackingView } from "~/components/TrackingView";
import db from "~/db.server";
import { loadTrackingPage, TrackingPageError } from "~/integrations/tracking/page.server";

/** The buyer's tracking page outside the shop's theme: the link in every email and SMS. The token is the only key. */
export const loader = async ({ params, request }: LoaderFunctionArgs) => {
  try {
    const model = await loadTrackingPage(db, params.token ?? "", { lang: new URL(request.url).searchParams.get("lang") });
    return Response.json(model, { headers: { "Cache-Control": "private, max-age=60", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer" } });
  } catch (error) {
    if (error instanceof TrackingPageError) throw new Response(error.message, { status: error.status, headers: { "X-Robots-Tag": "noindex" } });
    throw error;
  }
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.headline} · ${data.brand.name}` : "Tracking" }, { name: "robots", content: "noindex" }];

export default function TrackingPage() {
  const model = useLoaderData<typeof loader>();
  return <TrackingView model={model} />;
}
