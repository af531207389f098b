import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";

/**
 * A return label (or, with `?document=invoice`, its returns commercial invoice) as a PDF. The URL is
 * handed to Shopify as the reverse delivery's label, which the buyer opens from their account, so it
 * works without a session; the token in it is 192 random bits.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const token = params.token ?? "";
  if (!/^[\w-]{32}$/.test(token)) return new Response("No such label", { status: 404 });
  const label = await prisma.returnLabel.findUnique({ where: { publicToken: token } });
  if (!label) return new Response("No such label", { status: 404 });
  const invoice = new URL(request.url).searchParams.get("document") === "invoice";
  const pdf = invoice ? label.invoicePdf : label.labelPdf;
  if (!pdf) return new Response("This return crosses no customs border: it has no commercial invoice", { status: 404 });
  return new Response(Buffer.from(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${invoice ? "return-invoice" : "return-label"}-${label.trackingNumber}.pdf"`, "Cache-Control": "private, max-age=3600" },
  });
};
