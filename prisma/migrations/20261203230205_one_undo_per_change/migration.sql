-- Racing undo requests could each undo the same change. Extra undo rows already recorded keep
-- their history but no longer point at the change (the first undo does), so the index can hold.
UPDATE "interactions" u
   SET "corrects_id" = NULL,
       "details" = coalesce(u."details", '{}'::jsonb) || jsonb_build_object('duplicateUndoOf', u."corrects_id")
 WHERE u."outcome" = 'undo' AND u."corrects_id" IS NOT NULL
   AND EXISTS (SELECT 1 FROM "interactions" f
                WHERE f."outcome" = 'undo' AND f."corrects_id" = u."corrects_id" AND f."id" < u."id");

-- CreateIndex
CREATE UNIQUE INDEX "interactions_one_undo_idx" ON "interactions"("corrects_id") WHERE (outcome = 'undo');
