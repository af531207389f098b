-- CreateTable
CREATE TABLE "Warehouse" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "address1" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "province" TEXT,
    "postcode" TEXT NOT NULL DEFAULT '',
    "countryCode" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "cutoff" TEXT NOT NULL,
    "handlingDays" INTEGER NOT NULL DEFAULT 1,
    "handlingPerOrderMinor" INTEGER NOT NULL DEFAULT 0,
    "handlingPerUnitMinor" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "carriers" TEXT NOT NULL DEFAULT '[]',
    "capacityPerDay" INTEGER NOT NULL,
    "shopifyLocationId" TEXT,
    "fulfillmentServiceId" TEXT,
    "fulfillmentServiceLocationId" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Warehouse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarketFulfillment" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "warehouseCodes" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MarketFulfillment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoutingDecision" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "orderName" TEXT,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "totalMinor" INTEGER,
    "shippingMinor" INTEGER,
    "dutiesMinor" INTEGER,
    "handlingMinor" INTEGER,
    "latenessMinor" INTEGER,
    "reason" TEXT NOT NULL,
    "shipments" TEXT NOT NULL,
    "candidates" TEXT NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoutingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FulfillmentStep" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "result" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FulfillmentStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FulfillmentDocument" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "trackingNumber" TEXT,
    "carrierId" TEXT,
    "contentType" TEXT NOT NULL DEFAULT 'application/pdf',
    "content" BYTEA NOT NULL,
    "voidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FulfillmentDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Warehouse_shop_code_key" ON "Warehouse"("shop", "code");

-- CreateIndex
CREATE UNIQUE INDEX "MarketFulfillment_shop_market_key" ON "MarketFulfillment"("shop", "market");

-- CreateIndex
CREATE INDEX "RoutingDecision_shop_orderShopifyId_current_idx" ON "RoutingDecision"("shop", "orderShopifyId", "current");

-- CreateIndex
CREATE INDEX "RoutingDecision_shop_createdAt_idx" ON "RoutingDecision"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "FulfillmentStep_shop_status_idx" ON "FulfillmentStep"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FulfillmentStep_shop_orderShopifyId_step_key" ON "FulfillmentStep"("shop", "orderShopifyId", "step");

-- CreateIndex
CREATE UNIQUE INDEX "FulfillmentDocument_shop_orderShopifyId_kind_reference_key" ON "FulfillmentDocument"("shop", "orderShopifyId", "kind", "reference");
