-- CreateEnum
CREATE TYPE "OutreachKind" AS ENUM ('pre_due_reminder', 'past_due_notice', 'reminder_1', 'reminder_2', 'reminder_3', 'final_demand', 'call_summary', 'promise_confirmation');

-- CreateEnum
CREATE TYPE "OutreachStatus" AS ENUM ('queued', 'sending', 'sent', 'failed', 'bounced', 'uncertain', 'cancelled');

-- AlterEnum
ALTER TYPE "AlertKind" ADD VALUE 'delivery_failure';

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "language" TEXT,
ADD COLUMN     "outreach_opt_out" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "outreach_messages" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "kind" "OutreachKind" NOT NULL,
    "status" "OutreachStatus" NOT NULL DEFAULT 'queued',
    "to_email" TEXT NOT NULL,
    "to_name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body_text" TEXT NOT NULL,
    "body_html" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "in_reply_to" TEXT,
    "references" TEXT,
    "invoice_numbers" TEXT[],
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "collector_id" INTEGER,
    "interaction_id" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "response" TEXT,
    "error" TEXT,
    "actor" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outreach_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outreach_messages_message_id_key" ON "outreach_messages"("message_id");

-- CreateIndex
CREATE INDEX "outreach_messages_day_status_idx" ON "outreach_messages"("day", "status");

-- CreateIndex
CREATE INDEX "outreach_messages_customer_id_created_at_idx" ON "outreach_messages"("customer_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "outreach_messages_batch_key" ON "outreach_messages"("customer_id", "day", "kind") WHERE (interaction_id IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "outreach_messages_interaction_key" ON "outreach_messages"("interaction_id") WHERE (interaction_id IS NOT NULL);

-- AddForeignKey
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
