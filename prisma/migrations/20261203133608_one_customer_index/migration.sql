-- DropIndex
DROP INDEX "invoices_customer_id_issue_date_idx";

-- DropIndex
DROP INDEX "invoices_customer_id_paid_on_issue_date_status_amount_idx";

-- CreateIndex
CREATE INDEX "invoices_customer_id_issue_date_paid_on_status_amount_idx" ON "invoices"("customer_id", "issue_date", "paid_on", "status", "amount");
