-- CreateTable
CREATE TABLE "ReturnPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "countries" TEXT NOT NULL DEFAULT '',
    "windowDays" INTEGER NOT NULL,
    "excludedProductTypes" TEXT NOT NULL DEFAULT '',
    "finalSaleTags" TEXT NOT NULL DEFAULT '',
    "acceptedConditions" TEXT NOT NULL,
    "labelPaidBy" TEXT NOT NULL,
    "restockingFeePercent" INTEGER NOT NULL DEFAULT 0,
    "resolutions" TEXT NOT NULL,
    "keepItAllowed" BOOLEAN NOT NULL DEFAULT true,
    "autoApprove" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReturnDestination" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "locationId" TEXT,
    "address1" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "phone" TEXT,
    "handlingMinor" INTEGER NOT NULL,
    "priceIndexPercent" INTEGER NOT NULL DEFAULT 100,
    "recoveryPercent" INTEGER NOT NULL DEFAULT 0,
    "servesCountries" TEXT NOT NULL DEFAULT '',
    "productTypes" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "ReturnCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "customerId" TEXT,
    "buyerCountry" TEXT NOT NULL,
    "buyerPostcode" TEXT,
    "returnShopifyId" TEXT,
    "returnName" TEXT,
    "status" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "refundEstimateMinor" INTEGER NOT NULL,
    "refundedMinor" INTEGER,
    "netMinor" INTEGER NOT NULL,
    "originNetMinor" INTEGER NOT NULL,
    "costMinor" INTEGER NOT NULL,
    "originCostMinor" INTEGER NOT NULL,
    "resolution" TEXT NOT NULL DEFAULT 'refund',
    "source" TEXT NOT NULL,
    "error" TEXT,
    "receivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReturnCaseItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "fulfillmentLineItemId" TEXT,
    "returnLineItemId" TEXT,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "productType" TEXT NOT NULL DEFAULT '',
    "quantity" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "gradedCondition" TEXT,
    "unitPriceMinor" INTEGER NOT NULL,
    "disposition" TEXT NOT NULL,
    "destinationKey" TEXT,
    "netMinor" INTEGER NOT NULL,
    "originNetMinor" INTEGER,
    "decisionReason" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "restockedQuantity" INTEGER NOT NULL DEFAULT 0,
    "labelId" TEXT,
    CONSTRAINT "ReturnCaseItem_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ReturnCase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReturnLabel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "destinationKey" TEXT NOT NULL,
    "carrierId" TEXT NOT NULL,
    "serviceName" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "trackingUrl" TEXT,
    "costMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "publicToken" TEXT NOT NULL,
    "labelPdf" BLOB NOT NULL,
    "invoicePdf" BLOB,
    "reverseFulfillmentOrderId" TEXT,
    "reverseDeliveryId" TEXT,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReturnLabel_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ReturnCase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ReturnPolicy_shop_market_key" ON "ReturnPolicy"("shop", "market");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnDestination_shop_key_key" ON "ReturnDestination"("shop", "key");

-- CreateIndex
CREATE INDEX "ReturnCase_shop_status_idx" ON "ReturnCase"("shop", "status");

-- CreateIndex
CREATE INDEX "ReturnCase_shop_orderShopifyId_idx" ON "ReturnCase"("shop", "orderShopifyId");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnCase_shop_idempotencyKey_key" ON "ReturnCase"("shop", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ReturnCaseItem_shop_caseId_idx" ON "ReturnCaseItem"("shop", "caseId");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnLabel_publicToken_key" ON "ReturnLabel"("publicToken");

-- CreateIndex
CREATE INDEX "ReturnLabel_shop_caseId_idx" ON "ReturnLabel"("shop", "caseId");
