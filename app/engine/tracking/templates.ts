import type { Channel } from "./notify";
import type { Stage } from "./stages";

export const LOCALES = ["en", "fr", "de", "es", "ja"] as const;
export type Locale = (typeof LOCALES)[number];

/** The buyer's language from a Shopify customer locale ("fr-CA", "de", "ja-JP"); English otherwise. */
export function pickLocale(locale: string | null | undefined): Locale {
  const base = (locale ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : "en";
}

type Phrases = Readonly<Record<Stage, string>>;

/** One line per stage, as the buyer reads it. */
const HEADLINES: Readonly<Record<Locale, Phrases>> = {
  en: {
    label_created: "Your order is ready to ship", picked_up: "Your parcel is on its way", in_transit: "Your parcel is in transit",
    in_customs: "Your parcel is going through customs", customs_held: "Your parcel is held at customs", customs_cleared: "Your parcel has cleared customs",
    out_for_delivery: "Your parcel is out for delivery", delivered: "Your parcel has been delivered", delivery_failed: "We missed you: delivery was attempted",
    exception: "There is a problem with your parcel", returning: "Your parcel is being returned to us", returned: "Your parcel is back with us",
  },
  fr: {
    label_created: "Votre commande est prête à être expédiée", picked_up: "Votre colis est en route", in_transit: "Votre colis est en transit",
    in_customs: "Votre colis passe la douane", customs_held: "Votre colis est retenu en douane", customs_cleared: "Votre colis a été dédouané",
    out_for_delivery: "Votre colis est en cours de livraison", delivered: "Votre colis a été livré", delivery_failed: "Vous étiez absent : une livraison a été tentée",
    exception: "Un problème est survenu avec votre colis", returning: "Votre colis nous est retourné", returned: "Votre colis nous est revenu",
  },
  de: {
    label_created: "Ihre Bestellung ist versandbereit", picked_up: "Ihr Paket ist unterwegs", in_transit: "Ihr Paket ist auf dem Transportweg",
    in_customs: "Ihr Paket wird verzollt", customs_held: "Ihr Paket wird vom Zoll zurückgehalten", customs_cleared: "Ihr Paket wurde verzollt",
    out_for_delivery: "Ihr Paket ist in Zustellung", delivered: "Ihr Paket wurde zugestellt", delivery_failed: "Wir haben Sie nicht angetroffen: Zustellversuch erfolgt",
    exception: "Es gibt ein Problem mit Ihrem Paket", returning: "Ihr Paket wird an uns zurückgesendet", returned: "Ihr Paket ist wieder bei uns",
  },
  es: {
    label_created: "Tu pedido está listo para enviarse", picked_up: "Tu paquete está en camino", in_transit: "Tu paquete está en tránsito",
    in_customs: "Tu paquete está pasando la aduana", customs_held: "Tu paquete está retenido en la aduana", customs_cleared: "Tu paquete ha pasado la aduana",
    out_for_delivery: "Tu paquete está en reparto", delivered: "Tu paquete ha sido entregado", delivery_failed: "No estabas: se intentó la entrega",
    exception: "Hay un problema con tu paquete", returning: "Tu paquete nos está siendo devuelto", returned: "Tu paquete ha vuelto a nosotros",
  },
  ja: {
    label_created: "ご注文の発送準備が整いました", picked_up: "お荷物を発送しました", in_transit: "お荷物は輸送中です",
    in_customs: "お荷物は通関手続き中です", customs_held: "お荷物は税関で保留されています", customs_cleared: "お荷物の通関が完了しました",
    out_for_delivery: "お荷物は配達中です", delivered: "お荷物をお届けしました", delivery_failed: "ご不在のため配達できませんでした",
    exception: "お荷物に問題が発生しました", returning: "お荷物は返送中です", returned: "お荷物は返送されました",
  },
};

/** The sentence under the headline: what the buyer can expect or do. */
const DETAILS: Readonly<Record<Locale, Partial<Phrases>>> = {
  en: {
    customs_held: "Customs may need more information or payment before releasing it. We are on it and will tell you as soon as it moves.",
    delivery_failed: "The carrier will try again or leave a notice on how to collect it.",
    exception: "The carrier reported an issue. We are looking into it and will keep you posted.",
    delivered: "We hope you enjoy your order. You can start a return from the tracking page.",
  },
  fr: {
    customs_held: "La douane peut demander des informations ou un paiement avant de le libérer. Nous nous en occupons et vous tiendrons informé.",
    delivery_failed: "Le transporteur repassera ou laissera un avis indiquant où le retirer.",
    exception: "Le transporteur a signalé un incident. Nous vérifions et vous tiendrons informé.",
    delivered: "Nous espérons que votre commande vous plaira. Vous pouvez demander un retour depuis la page de suivi.",
  },
  de: {
    customs_held: "Der Zoll benötigt möglicherweise weitere Angaben oder eine Zahlung. Wir kümmern uns darum und melden uns, sobald es weitergeht.",
    delivery_failed: "Der Zusteller versucht es erneut oder hinterlässt eine Nachricht zur Abholung.",
    exception: "Der Versanddienst hat ein Problem gemeldet. Wir prüfen das und halten Sie auf dem Laufenden.",
    delivered: "Viel Freude mit Ihrer Bestellung. Eine Rücksendung können Sie auf der Sendungsverfolgungsseite starten.",
  },
  es: {
    customs_held: "La aduana puede necesitar más información o un pago antes de liberarlo. Nos ocupamos y te avisaremos en cuanto avance.",
    delivery_failed: "El transportista lo intentará de nuevo o dejará un aviso para recogerlo.",
    exception: "El transportista ha informado de una incidencia. Lo estamos revisando y te mantendremos al tanto.",
    delivered: "Esperamos que disfrutes tu pedido. Puedes iniciar una devolución desde la página de seguimiento.",
  },
  ja: {
    customs_held: "税関から追加情報または支払いを求められる場合があります。対応中ですので、進展があり次第お知らせします。",
    delivery_failed: "配送業者が再配達するか、受け取り方法のご案内を残します。",
    exception: "配送業者から問題が報告されました。確認のうえ、改めてご連絡します。",
    delivered: "ご注文の品をお楽しみください。返品は追跡ページからお申し込みいただけます。",
  },
};

const FRAME: Readonly<Record<Locale, { readonly order: string; readonly track: string; readonly window: string; readonly hello: string }>> = {
  en: { order: "Order", track: "Track your parcel", window: "Expected delivery", hello: "Hello" },
  fr: { order: "Commande", track: "Suivre votre colis", window: "Livraison prévue", hello: "Bonjour" },
  de: { order: "Bestellung", track: "Sendung verfolgen", window: "Voraussichtliche Zustellung", hello: "Hallo" },
  es: { order: "Pedido", track: "Sigue tu paquete", window: "Entrega prevista", hello: "Hola" },
  ja: { order: "ご注文", track: "配送状況を確認", window: "お届け予定", hello: "こんにちは" },
};

export const frameText = (locale: Locale) => FRAME[locale];
export const headline = (stage: Stage, locale: Locale) => HEADLINES[locale][stage];

export interface Template {
  readonly subject: string;
  readonly body: string;
}

/** Placeholders a template may use; the admin's editor lists them. */
export const PLACEHOLDERS = ["shop", "order", "name", "headline", "detail", "carrier", "tracking_number", "window", "url"] as const;
export type TemplateVars = Readonly<Partial<Record<(typeof PLACEHOLDERS)[number], string>>>;

/** The built-in wording of a stage's message: the merchant edits from here. */
export function defaultTemplate(stage: Stage, channel: Channel, locale: Locale): Template {
  const f = FRAME[locale];
  if (channel === "sms") return { subject: "", body: "{{shop}}: {{headline}} ({{order}}). {{url}}" };
  const detail = DETAILS[locale][stage] ? "\n\n{{detail}}" : "";
  return {
    subject: `{{shop}} · {{headline}} (${f.order} {{order}})`,
    body: `${f.hello} {{name}},\n\n{{headline}}.${detail}\n\n${f.window}: {{window}}\n{{carrier}} {{tracking_number}}\n\n${f.track}: {{url}}`,
  };
}

export function stageVars(stage: Stage, locale: Locale): TemplateVars {
  return { headline: HEADLINES[locale][stage], detail: DETAILS[locale][stage] ?? "" };
}

/** Fills `{{name}}` placeholders; unknown ones are left visible so a typo shows in the preview. */
export function fill(text: string, vars: TemplateVars): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, key: string) => {
    const value = (vars as Record<string, string | undefined>)[key];
    return value === undefined ? whole : value;
  });
}

export interface Branding {
  readonly name: string;
  readonly color: string;
  readonly logoUrl?: string | null;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  /** Email only: the branded HTML part. */
  readonly html?: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const safeColor = (c: string) => (/^#[0-9a-fA-F]{3,8}$/.test(c) ? c : "#1f5f99");

/** A message ready to send: the template filled in, and for email a branded HTML part with the link as a button. */
export function renderMessage(input: { template: Template; channel: Channel; locale: Locale; vars: TemplateVars; branding: Branding }): RenderedMessage {
  const subject = fill(input.template.subject, input.vars).replace(/\s+/g, " ").trim();
  // An empty placeholder ("Hello {{name}}," without a name) must not leave "Hello ,".
  const text = fill(input.template.body, input.vars).replace(/ +,/g, ",").replace(/\n{3,}/g, "\n\n").trim();
  if (input.channel === "sms") return { subject: "", text };
  const color = safeColor(input.branding.color);
  const url = input.vars.url ?? "";
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => (url && p.includes(url) ? p.replace(url, "").replace(/:\s*$/, "").trim() : p))
    .filter((p) => p.length > 0)
    .map((p) => `<p style="margin:0 0 14px;line-height:1.5">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
  const logo = input.branding.logoUrl ? `<img src="${escapeHtml(input.branding.logoUrl)}" alt="${escapeHtml(input.branding.name)}" height="32" style="display:block">` : `<strong style="font-size:18px;color:#fff">${escapeHtml(input.branding.name)}</strong>`;
  const button = url ? `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:${color};color:#fff;text-decoration:none">${escapeHtml(FRAME[input.locale].track)}</a></p>` : "";
  const html = `<!doctype html><html lang="${input.locale}"><body style="margin:0;background:#f4f5f7;font-family:-apple-system,Segoe UI,Roboto,sans-serif;color:#202223"><div style="max-width:560px;margin:0 auto;background:#fff"><div style="background:${color};padding:16px 24px">${logo}</div><div style="padding:24px">${paragraphs}${button}</div></div></body></html>`;
  return { subject, text, html };
}
