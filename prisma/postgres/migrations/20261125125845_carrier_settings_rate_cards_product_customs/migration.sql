-- CreateTable
CREATE TABLE "CarrierSettings" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarrierSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarrierCredential" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "carrierId" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarrierCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopRateCard" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "carrierId" TEXT NOT NULL,
    "serviceCode" TEXT NOT NULL,
    "originCountry" TEXT NOT NULL,
    "csv" TEXT NOT NULL,
    "sample" BOOLEAN NOT NULL DEFAULT false,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShopRateCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductCustoms" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "sku" TEXT,
    "title" TEXT NOT NULL,
    "hsCode" TEXT,
    "originCountry" TEXT,
    "grams" INTEGER,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductCustoms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarrierServiceRegistration" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "carrierServiceId" TEXT NOT NULL,
    "callbackUrl" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarrierServiceRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CarrierSettings_shop_key" ON "CarrierSettings"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierCredential_shop_carrierId_key" ON "CarrierCredential"("shop", "carrierId");

-- CreateIndex
CREATE UNIQUE INDEX "ShopRateCard_shop_cardId_key" ON "ShopRateCard"("shop", "cardId");

-- CreateIndex
CREATE INDEX "ProductCustoms_shop_sku_idx" ON "ProductCustoms"("shop", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "ProductCustoms_shop_variantId_key" ON "ProductCustoms"("shop", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierServiceRegistration_shop_key" ON "CarrierServiceRegistration"("shop");
