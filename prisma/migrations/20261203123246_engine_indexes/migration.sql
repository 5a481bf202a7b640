-- CreateIndex
CREATE INDEX "invoices_open_idx" ON "invoices"("customer_id", "due_date", "open_amount", "issue_date", "status", "id") WHERE (open_amount > 0);

-- CreateIndex
CREATE INDEX "invoices_customer_id_paid_on_issue_date_status_idx" ON "invoices"("customer_id", "paid_on", "issue_date", "status");

-- CreateIndex
CREATE INDEX "invoices_paid_on_idx" ON "invoices"("paid_on");

-- CreateIndex
CREATE INDEX "payments_received_on_idx" ON "payments"("received_on");
