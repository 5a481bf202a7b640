-- DropIndex
DROP INDEX "orders_order_date_idx";

-- DropIndex
DROP INDEX "orders_status_customer_id_idx";

-- CreateIndex
CREATE INDEX "customers_pinned_idx" ON "customers"("id") WHERE (pinned);

-- CreateIndex
CREATE INDEX "orders_recent_idx" ON "orders"("order_date", "status", "amount", "customer_id", "id", "number");

-- CreateIndex
CREATE INDEX "orders_open_idx" ON "orders"("customer_id", "order_date", "amount", "id") WHERE (status = 'open');
