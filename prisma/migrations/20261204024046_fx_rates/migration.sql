-- DropIndex
DROP INDEX "invoices_customer_id_issue_date_paid_on_status_amount_idx";

-- DropIndex
DROP INDEX "invoices_open_idx";

-- CreateTable
CREATE TABLE "fx_rates" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "rate" DECIMAL(20,10) NOT NULL,
    "actor" TEXT NOT NULL DEFAULT 'system',
    "source" TEXT NOT NULL DEFAULT 'system',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fx_rates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "fx_rates_currency_date_key" ON "fx_rates"("currency", "date");

-- CreateIndex
CREATE INDEX "invoices_customer_id_issue_date_paid_on_status_amount_curre_idx" ON "invoices"("customer_id", "issue_date", "paid_on", "status", "amount", "currency");

-- CreateIndex
CREATE INDEX "invoices_open_idx" ON "invoices"("customer_id", "due_date", "open_amount", "issue_date", "status", "id", "currency") WHERE (open_amount > 0);

-- A rate is a positive number of base units per unit of the currency.
ALTER TABLE "fx_rates" ADD CONSTRAINT "fx_rates_rate_positive" CHECK ("rate" > 0);
