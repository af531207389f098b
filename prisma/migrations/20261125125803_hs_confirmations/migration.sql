-- CreateTable
CREATE TABLE "HsConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "productTitle" TEXT NOT NULL,
    "productText" TEXT NOT NULL,
    "hsCode" TEXT NOT NULL,
    "originCountry" TEXT,
    "confirmedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "HsConfirmation_shop_hsCode_idx" ON "HsConfirmation"("shop", "hsCode");

-- CreateIndex
CREATE UNIQUE INDEX "HsConfirmation_shop_productId_key" ON "HsConfirmation"("shop", "productId");
