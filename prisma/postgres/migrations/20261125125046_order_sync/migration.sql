-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "apiVersion" TEXT,
    "triggeredAt" TIMESTAMP(3),
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "customerId" TEXT,
    "currency" TEXT NOT NULL,
    "presentmentCurrency" TEXT,
    "subtotalMinor" INTEGER NOT NULL,
    "shippingMinor" INTEGER NOT NULL,
    "taxMinor" INTEGER NOT NULL,
    "discountMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "totalWeightGrams" INTEGER NOT NULL,
    "financialStatus" TEXT,
    "fulfillmentStatus" TEXT,
    "tags" TEXT NOT NULL DEFAULT '',
    "destName" TEXT,
    "destCompany" TEXT,
    "destAddress1" TEXT,
    "destAddress2" TEXT,
    "destCity" TEXT,
    "destProvinceCode" TEXT,
    "destZip" TEXT,
    "destCountryCode" TEXT,
    "destPhone" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),
    "shopifyCreatedAt" TIMESTAMP(3) NOT NULL,
    "shopifyUpdatedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "redactedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "inventoryItemId" TEXT,
    "sku" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "quantity" INTEGER NOT NULL,
    "unitPriceMinor" INTEGER NOT NULL,
    "grams" INTEGER NOT NULL,
    "hsCode" TEXT,
    "countryOfOrigin" TEXT,
    "requiresShipping" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderShippingLine" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "code" TEXT,
    "source" TEXT,
    "carrierIdentifier" TEXT,
    "priceMinor" INTEGER NOT NULL,

    CONSTRAINT "OrderShippingLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FulfillmentOrder" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requestStatus" TEXT,
    "assignedLocationId" TEXT,
    "assignedLocationName" TEXT,
    "assignedCountryCode" TEXT,
    "shopifyUpdatedAt" TIMESTAMP(3),

    CONSTRAINT "FulfillmentOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FulfillmentOrderLine" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "fulfillmentOrderId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "totalQuantity" INTEGER NOT NULL,
    "remainingQuantity" INTEGER NOT NULL,

    CONSTRAINT "FulfillmentOrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Fulfillment" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "trackingCompany" TEXT,
    "trackingNumbers" TEXT NOT NULL DEFAULT '[]',
    "trackingUrls" TEXT NOT NULL DEFAULT '[]',
    "locationId" TEXT,
    "shopifyUpdatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Fulfillment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryLevel" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "available" INTEGER NOT NULL,
    "shopifyUpdatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InventoryLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductVariant" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "productTitle" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "priceMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "grams" INTEGER,
    "inventoryItemId" TEXT,
    "shopifyUpdatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductVariant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Return" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "orderShopifyId" TEXT,
    "name" TEXT,
    "status" TEXT NOT NULL,
    "lineCount" INTEGER NOT NULL DEFAULT 0,
    "lastTopic" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Return_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "deliveryId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackfillRun" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "bulkOperationId" TEXT,
    "resultUrl" TEXT,
    "objectCount" INTEGER,
    "rootObjectCount" INTEGER,
    "linesDone" INTEGER NOT NULL DEFAULT 0,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BackfillRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "dataRequestId" TEXT,
    "data" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_state_runAfter_idx" ON "WebhookDelivery"("state", "runAfter");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_state_idx" ON "WebhookDelivery"("shop", "state");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_shop_topic_dedupeKey_key" ON "WebhookDelivery"("shop", "topic", "dedupeKey");

-- CreateIndex
CREATE INDEX "Order_shop_shopifyCreatedAt_idx" ON "Order"("shop", "shopifyCreatedAt");

-- CreateIndex
CREATE INDEX "Order_shop_customerId_idx" ON "Order"("shop", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_shop_shopifyId_key" ON "Order"("shop", "shopifyId");

-- CreateIndex
CREATE INDEX "OrderLine_shop_orderId_idx" ON "OrderLine"("shop", "orderId");

-- CreateIndex
CREATE INDEX "OrderLine_shop_sku_idx" ON "OrderLine"("shop", "sku");

-- CreateIndex
CREATE INDEX "OrderShippingLine_shop_orderId_idx" ON "OrderShippingLine"("shop", "orderId");

-- CreateIndex
CREATE INDEX "FulfillmentOrder_shop_orderId_idx" ON "FulfillmentOrder"("shop", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "FulfillmentOrder_shop_shopifyId_key" ON "FulfillmentOrder"("shop", "shopifyId");

-- CreateIndex
CREATE INDEX "FulfillmentOrderLine_shop_fulfillmentOrderId_idx" ON "FulfillmentOrderLine"("shop", "fulfillmentOrderId");

-- CreateIndex
CREATE INDEX "Fulfillment_shop_orderShopifyId_idx" ON "Fulfillment"("shop", "orderShopifyId");

-- CreateIndex
CREATE UNIQUE INDEX "Fulfillment_shop_shopifyId_key" ON "Fulfillment"("shop", "shopifyId");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryLevel_shop_inventoryItemId_locationId_key" ON "InventoryLevel"("shop", "inventoryItemId", "locationId");

-- CreateIndex
CREATE INDEX "ProductVariant_shop_sku_idx" ON "ProductVariant"("shop", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "ProductVariant_shop_shopifyId_key" ON "ProductVariant"("shop", "shopifyId");

-- CreateIndex
CREATE UNIQUE INDEX "Return_shop_shopifyId_key" ON "Return"("shop", "shopifyId");

-- CreateIndex
CREATE INDEX "OrderEvent_shop_orderShopifyId_idx" ON "OrderEvent"("shop", "orderShopifyId");

-- CreateIndex
CREATE INDEX "OrderEvent_deliveryId_idx" ON "OrderEvent"("deliveryId");

-- CreateIndex
CREATE INDEX "BackfillRun_shop_requestedAt_idx" ON "BackfillRun"("shop", "requestedAt");

-- CreateIndex
CREATE INDEX "BackfillRun_status_runAfter_idx" ON "BackfillRun"("status", "runAfter");

-- CreateIndex
CREATE INDEX "DataRequest_shop_customerId_idx" ON "DataRequest"("shop", "customerId");

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderShippingLine" ADD CONSTRAINT "OrderShippingLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FulfillmentOrder" ADD CONSTRAINT "FulfillmentOrder_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FulfillmentOrderLine" ADD CONSTRAINT "FulfillmentOrderLine_fulfillmentOrderId_fkey" FOREIGN KEY ("fulfillmentOrderId") REFERENCES "FulfillmentOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;
