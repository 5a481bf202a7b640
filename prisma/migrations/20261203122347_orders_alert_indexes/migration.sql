-- DropIndex
DROP INDEX "orders_customer_id_order_date_idx";

-- CreateIndex
CREATE INDEX "orders_customer_id_order_date_id_amount_status_idx" ON "orders"("customer_id", "order_date", "id", "amount", "status");

-- CreateIndex
CREATE INDEX "orders_status_customer_id_idx" ON "orders"("status", "customer_id");
