-- CreateTable
CREATE TABLE "CostRollup" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "shippingMinor" INTEGER NOT NULL,
    "dutiesMinor" INTEGER NOT NULL,
    "dutiesCollectedMinor" INTEGER NOT NULL,
    "handlingMinor" INTEGER NOT NULL,
    "storageMinor" INTEGER NOT NULL,
    "returnsMinor" INTEGER NOT NULL,
    "returned" INTEGER NOT NULL,
    "onTime" INTEGER NOT NULL,
    "judged" INTEGER NOT NULL,

    CONSTRAINT "CostRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CostRollup_shop_month_idx" ON "CostRollup"("shop", "month");

-- CreateIndex
CREATE UNIQUE INDEX "CostRollup_shop_month_market_dimension_key_key" ON "CostRollup"("shop", "month", "market", "dimension", "key");
