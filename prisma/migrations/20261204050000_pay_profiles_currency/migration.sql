-- Settled invoices are weighed in the base currency at the day's rate, so a stored pay profile is
-- also stale after a change of exchange rates, of the base currency (a setting), or of an
-- invoice's currency. One row update per statement, whatever the session's replication role.
CREATE TRIGGER "invoices_currency_pay_profiles_stale"
  AFTER UPDATE OF "currency" ON "invoices" FOR EACH STATEMENT EXECUTE FUNCTION "pay_profiles_stale"();
ALTER TABLE "invoices" ENABLE ALWAYS TRIGGER "invoices_currency_pay_profiles_stale";

CREATE TRIGGER "fx_rates_pay_profiles_stale"
  AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "fx_rates" FOR EACH STATEMENT EXECUTE FUNCTION "pay_profiles_stale"();
ALTER TABLE "fx_rates" ENABLE ALWAYS TRIGGER "fx_rates_pay_profiles_stale";

CREATE TRIGGER "settings_pay_profiles_stale"
  AFTER INSERT OR DELETE OR UPDATE ON "settings" FOR EACH STATEMENT EXECUTE FUNCTION "pay_profiles_stale"();
