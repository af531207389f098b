import type { Locale } from "./templates";

/** The tracking page's own words, in the buyer's language. */
export interface PageText {
  readonly order: string;
  readonly carrier: string;
  readonly window: string;
  readonly estimated: string;
  readonly deliveredOn: string;
  readonly customs: string;
  readonly customsState: Readonly<Record<"none" | "in_customs" | "held" | "cleared", string>>;
  readonly duties: string;
  readonly dutiesPaid: string;
  readonly dutiesDue: string;
  readonly dutiesNone: string;
  readonly timeline: string;
  readonly steps: readonly [string, string, string, string, string];
  readonly startReturn: string;
  readonly noEvents: string;
}

export const PAGE_TEXT: Readonly<Record<Locale, PageText>> = {
  en: {
    order: "Order", carrier: "Carrier", window: "Delivery window", estimated: "Carrier's estimate", deliveredOn: "Delivered", customs: "Customs",
    customsState: { none: "Not yet at customs", in_customs: "Being cleared", held: "Held: the carrier is sorting it out", cleared: "Cleared" },
    duties: "Duties and import taxes", dutiesPaid: "Paid at checkout", dutiesDue: "Due on delivery", dutiesNone: "None on this parcel",
    timeline: "Journey", steps: ["Shipped", "In transit", "Customs", "Out for delivery", "Delivered"], startReturn: "Start a return", noEvents: "The carrier has not scanned the parcel yet.",
  },
  fr: {
    order: "Commande", carrier: "Transporteur", window: "Créneau de livraison", estimated: "Estimation du transporteur", deliveredOn: "Livré", customs: "Douane",
    customsState: { none: "Pas encore en douane", in_customs: "Dédouanement en cours", held: "Retenu : le transporteur s'en occupe", cleared: "Dédouané" },
    duties: "Droits et taxes d'importation", dutiesPaid: "Payés à la commande", dutiesDue: "À payer à la livraison", dutiesNone: "Aucun pour ce colis",
    timeline: "Parcours", steps: ["Expédié", "En transit", "Douane", "En livraison", "Livré"], startReturn: "Demander un retour", noEvents: "Le transporteur n'a pas encore scanné le colis.",
  },
  de: {
    order: "Bestellung", carrier: "Versanddienst", window: "Zustellzeitraum", estimated: "Schätzung des Versanddienstes", deliveredOn: "Zugestellt", customs: "Zoll",
    customsState: { none: "Noch nicht beim Zoll", in_customs: "Wird verzollt", held: "Zurückgehalten: der Versanddienst kümmert sich", cleared: "Verzollt" },
    duties: "Zölle und Einfuhrabgaben", dutiesPaid: "Beim Kauf bezahlt", dutiesDue: "Bei Zustellung fällig", dutiesNone: "Keine für dieses Paket",
    timeline: "Sendungsverlauf", steps: ["Versendet", "Unterwegs", "Zoll", "In Zustellung", "Zugestellt"], startReturn: "Rücksendung starten", noEvents: "Der Versanddienst hat das Paket noch nicht erfasst.",
  },
  es: {
    order: "Pedido", carrier: "Transportista", window: "Plazo de entrega", estimated: "Estimación del transportista", deliveredOn: "Entregado", customs: "Aduana",
    customsState: { none: "Aún no está en aduana", in_customs: "En despacho", held: "Retenido: el transportista lo está resolviendo", cleared: "Despachado" },
    duties: "Aranceles e impuestos de importación", dutiesPaid: "Pagados en la compra", dutiesDue: "A pagar en la entrega", dutiesNone: "Ninguno en este paquete",
    timeline: "Recorrido", steps: ["Enviado", "En tránsito", "Aduana", "En reparto", "Entregado"], startReturn: "Iniciar una devolución", noEvents: "El transportista aún no ha escaneado el paquete.",
  },
  ja: {
    order: "ご注文", carrier: "配送業者", window: "お届け予定期間", estimated: "配送業者の予測", deliveredOn: "配達完了", customs: "通関",
    customsState: { none: "まだ税関に到着していません", in_customs: "通関手続き中", held: "保留中：配送業者が対応しています", cleared: "通関済み" },
    duties: "関税・輸入税", dutiesPaid: "ご購入時にお支払い済み", dutiesDue: "お届け時にお支払い", dutiesNone: "この荷物にはかかりません",
    timeline: "配送履歴", steps: ["発送済み", "輸送中", "通関", "配達中", "配達完了"], startReturn: "返品を申し込む", noEvents: "配送業者はまだ荷物をスキャンしていません。",
  },
};

/** Which of the page's five milestones the parcel has reached (customs only counts if it crossed one). */
export function milestonesReached(stagesReached: readonly string[]): [boolean, boolean, boolean, boolean, boolean] {
  const has = (...s: string[]) => s.some((x) => stagesReached.includes(x));
  return [
    has("picked_up", "in_transit", "in_customs", "customs_held", "customs_cleared", "out_for_delivery", "delivered"),
    has("in_transit", "in_customs", "customs_held", "customs_cleared", "out_for_delivery", "delivered"),
    has("customs_cleared") || (has("out_for_delivery", "delivered") && !has("in_customs", "customs_held")),
    has("out_for_delivery", "delivered"),
    has("delivered"),
  ];
}
