-- CreateTable
CREATE TABLE "ForecastRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DemandForecast" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "periodDays" INTEGER NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "history" TEXT NOT NULL,
    "mean" TEXT NOT NULL,
    "lower" TEXT NOT NULL,
    "upper" TEXT NOT NULL,
    "level" REAL NOT NULL,
    "backtestMase" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TransferPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "currency" TEXT NOT NULL,
    "horizonDays" INTEGER NOT NULL,
    "transferMinor" INTEGER NOT NULL,
    "dutyMinor" INTEGER NOT NULL,
    "stockoutMinor" INTEGER NOT NULL,
    "holdingMinor" INTEGER NOT NULL,
    "storageMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "doNothingTotalMinor" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME
);

-- CreateTable
CREATE TABLE "TransferPlanLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "fromLocation" TEXT NOT NULL,
    "toLocation" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "leadTimeDays" INTEGER NOT NULL,
    "transferMinor" INTEGER NOT NULL,
    "dutyMinor" INTEGER NOT NULL,
    "arrivesAt" DATETIME,
    "receivedAt" DATETIME,
    CONSTRAINT "TransferPlanLine_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TransferPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderCostFact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "orderedAt" DATETIME NOT NULL,
    "market" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "productType" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "lane" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "revenueMinor" INTEGER NOT NULL,
    "shippingMinor" INTEGER NOT NULL,
    "dutiesMinor" INTEGER NOT NULL,
    "dutiesCollectedMinor" INTEGER NOT NULL,
    "handlingMinor" INTEGER NOT NULL,
    "storageMinor" INTEGER NOT NULL,
    "returnsMinor" INTEGER NOT NULL,
    "returned" BOOLEAN NOT NULL DEFAULT false,
    "deliveryDays" REAL,
    "promisedDays" INTEGER,
    "onTime" BOOLEAN
);

-- CreateIndex
CREATE INDEX "ForecastRun_shop_startedAt_idx" ON "ForecastRun"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "DemandForecast_shop_runId_idx" ON "DemandForecast"("shop", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "DemandForecast_shop_sku_region_key" ON "DemandForecast"("shop", "sku", "region");

-- CreateIndex
CREATE INDEX "TransferPlan_shop_createdAt_idx" ON "TransferPlan"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "TransferPlanLine_shop_planId_idx" ON "TransferPlanLine"("shop", "planId");

-- CreateIndex
CREATE INDEX "TransferPlanLine_shop_toLocation_idx" ON "TransferPlanLine"("shop", "toLocation");

-- CreateIndex
CREATE INDEX "OrderCostFact_shop_orderedAt_idx" ON "OrderCostFact"("shop", "orderedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderCostFact_shop_orderShopifyId_key" ON "OrderCostFact"("shop", "orderShopifyId");
