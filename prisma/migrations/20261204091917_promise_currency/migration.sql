-- AlterTable
ALTER TABLE "payment_plans" ADD COLUMN     "currency" CHAR(3) NOT NULL DEFAULT 'USD';

-- AlterTable
ALTER TABLE "promises" ADD COLUMN     "currency" CHAR(3) NOT NULL DEFAULT 'USD';

-- Promises and plans made before had no currency: the currency of the customer's invoices when
-- they are all in one, else the company's base currency.
UPDATE "promises" p SET "currency" = coalesce(
  (SELECT CASE WHEN count(DISTINCT i.currency) = 1 THEN min(i.currency) END
     FROM "invoices" i WHERE i.customer_id = p.customer_id AND i.status <> 'void'),
  (SELECT s.value->>'baseCurrency' FROM "settings" s WHERE s.key = 'company'), 'USD');

UPDATE "payment_plans" p SET "currency" = coalesce(
  (SELECT CASE WHEN count(DISTINCT i.currency) = 1 THEN min(i.currency) END
     FROM "invoices" i WHERE i.customer_id = p.customer_id AND i.status <> 'void'),
  (SELECT s.value->>'baseCurrency' FROM "settings" s WHERE s.key = 'company'), 'USD');
