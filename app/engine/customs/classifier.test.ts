import { describe, expect, it } from "vitest";
import { createClassifier } from "./classifier";
import { loadNomenclature } from "../../integrations/customs/tables.server";
import { loadNationalText } from "../../integrations/customs/hs-text.server";

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

  it("reaches goods the HS labels do not name through the US national-line words (undershirts and tank tops are HTS lines of 6109)", () => {
    const plain = createClassifier(loadNomenclature());
    const withLines = createClassifier(loadNomenclature(), loadNationalText());
    for (const title of ["Thermal undershirt", "Tank top"]) {
      expect(plain.classify({ title }).best?.code.slice(0, 4)).not.toBe("6109");
      expect(withLines.classify({ title }).best?.code.slice(0, 4)).toBe("6109");
    }
  });

  it("reads American spellings as the nomenclature's British ones", () => {
    // "aluminum" appears nowhere in the HS labels: only the spelling map leads it to chapter 76.
    expect(classifier.classify({ title: "Aluminum foil roll" }).best?.code.slice(0, 4)).toBe("7607");
  });
});
