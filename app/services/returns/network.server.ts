import { EU_COUNTRIES } from "~/engine/returns";
import type { DestinationInput } from "./settings.server";

export interface ShopLocation {
  id: string;
  name: string;
  isPrimary: boolean;
  address: { address1: string | null; city: string | null; zip: string | null; countryCode: string | null; phone: string | null };
}

export const LOCATIONS_QUERY = `#graphql
  query ReturnLocations {
    locations(first: 50) {
      nodes {
        id
        name
        isPrimary
        isActive
        address {
          address1
          city
          zip
          countryCode
          phone
        }
      }
    }
  }
`;

const EUROPE = [...EU_COUNTRIES, "CH", "NO", "IS", "LI"];

/**
 * A starting network from the shop's locations: the primary location is the origin; a location in
 * the EU becomes the regional hub for Europe (and the UK, which it reaches by road); any other is a
 * local warehouse for its own country. Handling costs are typical 3PL returns fees (USD cents).
 */
export function networkFromLocations(locations: readonly ShopLocation[]): DestinationInput[] {
  return locations.filter((l) => l.address.countryCode).map((l) => {
    const country = l.address.countryCode!;
    const base = { key: l.id.split("/").pop()!, name: l.name, locationId: l.id, address1: l.address.address1 ?? "", city: l.address.city ?? "", postcode: l.address.zip ?? "", countryCode: country, phone: l.address.phone };
    if (l.isPrimary) return { ...base, key: `origin-${base.key}`, kind: "origin" as const, handlingMinor: 350 };
    if ((EU_COUNTRIES as readonly string[]).includes(country)) return { ...base, key: `hub-${base.key}`, kind: "regional_hub" as const, handlingMinor: 450, servesCountries: [...EUROPE, "GB"] };
    return { ...base, key: `local-${base.key}`, kind: "local_warehouse" as const, handlingMinor: 450, servesCountries: [country] };
  });
}

/**
 * Partners of the demo shop: a refurbisher, a donation partner and WEEE-licensed recyclers near the
 * warehouses. Names and addresses are samples for the demo and tests, not real businesses.
 */
export const SAMPLE_PARTNERS: readonly DestinationInput[] = [
  { key: "refurb-nl", name: "Renew Lab Tilburg (sample partner)", kind: "refurbisher", address1: "Ringbaan-Oost 102", city: "Tilburg", postcode: "5013 CD", countryCode: "NL", handlingMinor: 600, recoveryPercent: 45, servesCountries: EUROPE, productTypes: ["Footwear", "Knitwear", "Trousers", "Electronics", "Accessories"] },
  { key: "refurb-us", name: "Second Stride Refurbishing (sample partner)", kind: "refurbisher", address1: "410 Meadow Ln", city: "Carlstadt", postcode: "07072", countryCode: "US", handlingMinor: 700, recoveryPercent: 40, servesCountries: ["US", "CA"], productTypes: ["Footwear", "Electronics"] },
  { key: "donate-nl", name: "Kledingbank Venlo (sample partner)", kind: "donation", address1: "Nijmeegseweg 44", city: "Venlo", postcode: "5916 PT", countryCode: "NL", handlingMinor: 0, servesCountries: EUROPE },
  { key: "recycle-nl", name: "Venlo WEEE Recycling (sample partner)", kind: "disposal", address1: "Celsiusweg 8", city: "Venlo", postcode: "5928 PR", countryCode: "NL", handlingMinor: 250, servesCountries: EUROPE },
  { key: "recycle-gb", name: "Northampton WEEE Recycling (sample partner)", kind: "disposal", address1: "Salthouse Road 3", city: "Northampton", postcode: "NN4 7EX", countryCode: "GB", handlingMinor: 250, servesCountries: ["GB"] },
  { key: "recycle-us", name: "Meadowlands E-Cycle (sample partner)", kind: "disposal", address1: "95 Moonachie Ave", city: "Moonachie", postcode: "07074", countryCode: "US", handlingMinor: 250, servesCountries: ["US", "CA", "MX"] },
];
