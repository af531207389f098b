-- CreateTable
CREATE TABLE "ThirdPartyConnection" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "warehouseCode" TEXT NOT NULL,
    "connector" TEXT NOT NULL,
    "endpointUrl" TEXT,
    "credentials" TEXT NOT NULL,
    "lastSyncAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThirdPartyConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThirdPartyOrder" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "warehouseCode" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "fulfillmentOrderId" TEXT NOT NULL,
    "externalId" TEXT,
    "status" TEXT NOT NULL,
    "orderedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "shippedAt" TIMESTAMP(3),
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "lines" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThirdPartyOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThirdPartyMessage" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "warehouseCode" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThirdPartyMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockDiscrepancy" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "warehouseCode" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "expected" INTEGER NOT NULL,
    "reported" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockDiscrepancy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ThirdPartyConnection_shop_warehouseCode_key" ON "ThirdPartyConnection"("shop", "warehouseCode");

-- CreateIndex
CREATE INDEX "ThirdPartyOrder_shop_warehouseCode_status_idx" ON "ThirdPartyOrder"("shop", "warehouseCode", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ThirdPartyOrder_shop_fulfillmentOrderId_key" ON "ThirdPartyOrder"("shop", "fulfillmentOrderId");

-- CreateIndex
CREATE INDEX "ThirdPartyMessage_shop_warehouseCode_createdAt_idx" ON "ThirdPartyMessage"("shop", "warehouseCode", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ThirdPartyMessage_shop_warehouseCode_direction_messageId_key" ON "ThirdPartyMessage"("shop", "warehouseCode", "direction", "messageId");

-- CreateIndex
CREATE INDEX "StockDiscrepancy_shop_warehouseCode_status_idx" ON "StockDiscrepancy"("shop", "warehouseCode", "status");
