-- HAND-WRITTEN (issue 11, linear deposit linking): the trigger that keeps the day totals when
-- stored fees are settled by a later deposit. Ingest now settles a deposit's stored items in ONE
-- statement (not chunks of 2,000), so this statement-level trigger sees every settled fee at once.
-- Its DELETE joined new_rows to old_rows; PostgreSQL guesses "deposit_id IS NULL" keeps 0.5% of a
-- transition table and chose a nested loop over old_rows for every settled fee: 20,000 fees took
-- 400 million comparisons (minutes). The DELETE now reads new_rows alone. That removes the same
-- rows: a fee has a row in unplanned_records only while no deposit lists it (inserted for a fee
-- stored without a deposit, deleted here when one settles it; deposit_id is never set back to
-- null), so a fee that was already settled before this statement has no row left to delete.
-- The totals UPDATE is unchanged (its join filter compares both sides, so it merge-joins).
CREATE OR REPLACE FUNCTION "day_totals_on_settled_fees"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE business_day_totals t SET unsettled_fee_count = t.unsettled_fee_count + d.delta
  FROM (
    SELECT n.business_id, n.business_date,
      sum(CASE WHEN n.deposit_id IS NULL THEN 1 ELSE 0 END - CASE WHEN o.deposit_id IS NULL THEN 1 ELSE 0 END) AS delta
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.deposit_id IS NULL) <> (o.deposit_id IS NULL)
    GROUP BY n.business_id, n.business_date
  ) d
  WHERE t.business_id = d.business_id AND t.business_date = d.business_date;
  -- A settled fee is a line of its deposit: it no longer waits to be planned.
  DELETE FROM unplanned_records u USING new_rows n
  WHERE n.deposit_id IS NOT NULL
    AND u.business_id = n.business_id AND u.record_type = 'fee' AND u.plannable_on = n.business_date + CASE WHEN n.kind = 'monthly' THEN 0 ELSE 7 END
    AND u.record_id = n.id;
  RETURN NULL;
END $$;
