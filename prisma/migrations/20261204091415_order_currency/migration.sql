-- DropIndex
DROP INDEX "orders_customer_id_order_date_id_amount_status_idx";

-- DropIndex
DROP INDEX "orders_open_idx";

-- DropIndex
DROP INDEX "orders_recent_idx";

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "currency" CHAR(3) NOT NULL DEFAULT 'USD';

-- Orders imported before had no currency: they were in the company's base currency.
UPDATE "orders" SET "currency" = s.value->>'baseCurrency'
  FROM "settings" s
 WHERE s.key = 'company' AND s.value->>'baseCurrency' IS NOT NULL AND s.value->>'baseCurrency' <> 'USD';

-- CreateIndex
CREATE INDEX "orders_customer_id_order_date_id_amount_status_currency_idx" ON "orders"("customer_id", "order_date", "id", "amount", "status", "currency");

-- CreateIndex
CREATE INDEX "orders_recent_idx" ON "orders"("order_date", "status", "amount", "customer_id", "id", "number", "currency");

-- CreateIndex
CREATE INDEX "orders_open_idx" ON "orders"("customer_id", "order_date", "amount", "id", "currency") WHERE (status = 'open');
