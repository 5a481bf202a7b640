-- DropIndex
DROP INDEX "invoices_due_date_idx";
