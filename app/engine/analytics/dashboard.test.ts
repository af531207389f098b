import { describe, expect, it } from "vitest";
import { carrierIdOf, costPerOrder, orderCost, percentileFromHistogram, volumeTierProgress } from "./dashboard";

describe("dashboard arithmetic", () => {
  it("reads nearest-rank percentiles off a day histogram", () => {
    // 10 parcels: 2 in 3 days, 5 in 4, 2 in 6, 1 in 9.
    const bins = [{ value: 4, count: 5 }, { value: 3, count: 2 }, { value: 9, count: 1 }, { value: 6, count: 2 }];
    expect(percentileFromHistogram(bins, 0.5)).toBe(4);
    expect(percentileFromHistogram(bins, 0.9)).toBe(6);
    expect(percentileFromHistogram(bins, 1)).toBe(9);
    expect(percentileFromHistogram([], 0.5)).toBeNull();
  });

  it("averages cost per order component by component", () => {
    expect(costPerOrder({ orders: 4, shipping: 4000, duties: 1001, handling: 800, storage: 400, returns: 1100 })).toEqual({
      orders: 4, shipping: 1000, duties: 250, handling: 200, storage: 100, returns: 275, total: 1825,
    });
    expect(costPerOrder({ orders: 0, shipping: 0, duties: 0, handling: 0, storage: 0, returns: 0 }).total).toBe(0);
  });

  it("tells how many parcels this month reach the carrier's next discount (sample DHL tiers)", () => {
    const tiers = [{ minMonthlyShipments: 250, discountPercent: "5" }, { minMonthlyShipments: 1000, discountPercent: "10" }, { minMonthlyShipments: 5000, discountPercent: "15" }];
    expect(volumeTierProgress("dhl-express", tiers, 130)).toEqual({ carrierId: "dhl-express", parcelsThisMonth: 130, currentDiscountPercent: null, next: { minMonthlyShipments: 250, discountPercent: "5", parcelsToGo: 120 } });
    expect(volumeTierProgress("dhl-express", tiers, 1000).currentDiscountPercent).toBe("10");
    expect(volumeTierProgress("dhl-express", tiers, 6000).next).toBeNull();
  });

  it("prices handling, storage and returns from the tariff", () => {
    expect(orderCost({ units: 3, shippingPaid: 1995, dutiesPaid: 420, returned: true })).toEqual({ shipping: 1995, duties: 420, handling: 250, storage: 90, returns: 1100 });
    expect(carrierIdOf("DHL Express")).toBe("dhl-express");
    expect(carrierIdOf("Royal Mail")).toBeNull();
  });
});
