-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "trackingToken" TEXT NOT NULL,
    "orderShopifyId" TEXT,
    "orderName" TEXT,
    "fulfillmentShopifyId" TEXT,
    "buyerName" TEXT,
    "buyerEmail" TEXT,
    "buyerPhone" TEXT,
    "buyerLocale" TEXT NOT NULL DEFAULT 'en',
    "originCountry" TEXT,
    "destinationCountry" TEXT,
    "promisedFrom" TEXT,
    "promisedBy" TEXT,
    "incoterm" TEXT,
    "dutiesMinor" INTEGER,
    "dutiesCurrency" TEXT,
    "status" TEXT NOT NULL DEFAULT 'label_created',
    "statusAt" DATETIME,
    "stagesReached" TEXT NOT NULL DEFAULT '[]',
    "customsState" TEXT NOT NULL DEFAULT 'none',
    "lastEventAt" DATETIME,
    "estimatedDelivery" TEXT,
    "deliveredAt" DATETIME,
    "nextPollAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ShipmentEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "stage" TEXT NOT NULL,
    "carrierCode" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "location" TEXT,
    "source" TEXT NOT NULL,
    "disposition" TEXT NOT NULL DEFAULT 'applied',
    "note" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShipmentEvent_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrackingSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "emailStages" TEXT NOT NULL DEFAULT '["picked_up","customs_held","out_for_delivery","delivered","delivery_failed","exception"]',
    "smsStages" TEXT NOT NULL DEFAULT '["out_for_delivery","delivered"]',
    "brandName" TEXT,
    "brandColor" TEXT NOT NULL DEFAULT '#1f5f99',
    "logoUrl" TEXT,
    "senderName" TEXT,
    "replyTo" TEXT,
    "returnsUrl" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NotificationTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "providerId" TEXT,
    "lastError" TEXT,
    "subject" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_trackingToken_key" ON "Shipment"("trackingToken");

-- CreateIndex
CREATE INDEX "Shipment_shop_status_idx" ON "Shipment"("shop", "status");

-- CreateIndex
CREATE INDEX "Shipment_nextPollAt_idx" ON "Shipment"("nextPollAt");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_shop_carrier_trackingNumber_key" ON "Shipment"("shop", "carrier", "trackingNumber");

-- CreateIndex
CREATE INDEX "ShipmentEvent_shop_shipmentId_occurredAt_idx" ON "ShipmentEvent"("shop", "shipmentId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentEvent_shipmentId_eventKey_key" ON "ShipmentEvent"("shipmentId", "eventKey");

-- CreateIndex
CREATE UNIQUE INDEX "TrackingSettings_shop_key" ON "TrackingSettings"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationTemplate_shop_stage_channel_locale_key" ON "NotificationTemplate"("shop", "stage", "channel", "locale");

-- CreateIndex
CREATE INDEX "Notification_state_runAfter_idx" ON "Notification"("state", "runAfter");

-- CreateIndex
CREATE INDEX "Notification_shop_createdAt_idx" ON "Notification"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_shipmentId_stage_channel_key" ON "Notification"("shipmentId", "stage", "channel");
