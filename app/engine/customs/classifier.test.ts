import { describe, expect, it } from "vitest";
import { createClassifier } from "./classifier";
import { loadNomenclature } from "../../integrations/customs/tables.server";

const classifier = createClassifier(loadNomenclature());

describe("HS classifier", () => {
  it("ranks a knitted cotton T-shirt into heading 6109 with alternatives and confidences", () => {
    const r = classifier.classify({ title: "Organic cotton T-shirt", productType: "T-Shirts", material: "cotton", tags: ["knit"] });
    expect(r.best?.code.slice(0, 4)).toBe("6109");
    expect(r.alternatives.length).toBe(2);
    expect(r.best!.confidence).toBeGreaterThan(r.alternatives[0]!.confidence);
  });

  it("learns a code the merchant confirmed for similar products", () => {
    const c = createClassifier(loadNomenclature());
    const product = { title: "Beeswax wrap set", productType: "Kitchen" };
    const before = c.classify(product).best?.code;
    c.confirm(product, "560392");
    const after = c.classify({ title: "Beeswax wrap, large", productType: "Kitchen" });
    expect(before).not.toBe("560392");
    expect(after.best?.code).toBe("560392");
    expect(after.best?.reason).toBe("confirmed");
  });
});
