-- CreateTable
CREATE TABLE "pay_profiles" (
    "customer_id" INTEGER NOT NULL,
    "figures" BYTEA NOT NULL,

    CONSTRAINT "pay_profiles_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "pay_profile_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "ledger_version" BIGINT NOT NULL DEFAULT 0,
    "built_version" BIGINT,
    "as_of" DATE,
    "late_days" INTEGER,
    "half_life_days" INTEGER,

    CONSTRAINT "pay_profile_state_pkey" PRIMARY KEY ("id")
);

INSERT INTO "pay_profile_state" ("id") VALUES (1);

-- Any statement that can change a customer's settled history (new, removed or re-dated invoices,
-- payments applied, amounts or status changed) makes the stored profiles stale. One row update per
-- statement, not per row: a million-row COPY pays for it once.
CREATE FUNCTION "pay_profiles_stale"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "pay_profile_state" SET "ledger_version" = "ledger_version" + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "invoices_pay_profiles_stale"
  AFTER INSERT OR DELETE OR UPDATE OF "customer_id", "issue_date", "due_date", "paid_on", "amount", "status"
  ON "invoices" FOR EACH STATEMENT EXECUTE FUNCTION "pay_profiles_stale"();

CREATE TRIGGER "invoices_pay_profiles_truncated"
  AFTER TRUNCATE ON "invoices" FOR EACH STATEMENT EXECUTE FUNCTION "pay_profiles_stale"();

-- Imports and the demo load switch ordinary triggers off (session_replication_role = replica, to
-- skip the per-row foreign-key checks); these must fire whatever the role.
ALTER TABLE "invoices" ENABLE ALWAYS TRIGGER "invoices_pay_profiles_stale";
ALTER TABLE "invoices" ENABLE ALWAYS TRIGGER "invoices_pay_profiles_truncated";
