-- DropIndex
DROP INDEX "invoices_customer_id_paid_on_issue_date_status_idx";

-- CreateIndex
CREATE INDEX "invoices_customer_id_paid_on_issue_date_status_amount_idx" ON "invoices"("customer_id", "paid_on", "issue_date", "status", "amount");
