-- The import tables' batch_id foreign keys were checked row by row: one lookup of import_batch per
-- stored row, about 17 µs each, which was most of the time of inserting 2.4 M social-insurance rows
-- (docs/data-import.md, "Large CSV files"). The same rule is now checked once per statement, over
-- the statement's new rows, and import_batch refuses to lose a batch that still has rows.
CREATE FUNCTION import_rows_check_batch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT batch_id FROM new_rows) n
             WHERE NOT EXISTS (SELECT 1 FROM import_batch b WHERE b.id = n.batch_id)) THEN
    RAISE EXCEPTION 'insert into % names an import batch that does not exist', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION import_batch_keep_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM registration WHERE batch_id = OLD.id)
     OR EXISTS (SELECT 1 FROM social_insurance WHERE batch_id = OLD.id)
     OR EXISTS (SELECT 1 FROM housing_fund WHERE batch_id = OLD.id)
     OR EXISTS (SELECT 1 FROM unit WHERE batch_id = OLD.id)
     OR EXISTS (SELECT 1 FROM public_sector_staff WHERE batch_id = OLD.id)
     OR EXISTS (SELECT 1 FROM exam_application WHERE batch_id = OLD.id)
     OR EXISTS (SELECT 1 FROM labor_contract WHERE batch_id = OLD.id) THEN
    RAISE EXCEPTION 'import batch % still has rows', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER import_batch_keep_referenced BEFORE DELETE OR UPDATE OF id ON import_batch
  FOR EACH ROW EXECUTE FUNCTION import_batch_keep_referenced();

ALTER TABLE registration DROP CONSTRAINT registration_batch_id_fkey;
ALTER TABLE social_insurance DROP CONSTRAINT social_insurance_batch_id_fkey;
ALTER TABLE housing_fund DROP CONSTRAINT housing_fund_batch_id_fkey;
ALTER TABLE unit DROP CONSTRAINT unit_batch_id_fkey;
ALTER TABLE public_sector_staff DROP CONSTRAINT public_sector_staff_batch_id_fkey;
ALTER TABLE exam_application DROP CONSTRAINT exam_application_batch_id_fkey;
ALTER TABLE labor_contract DROP CONSTRAINT labor_contract_batch_id_fkey;

CREATE TRIGGER registration_batch_exists AFTER INSERT ON registration
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION import_rows_check_batch();
CREATE TRIGGER social_insurance_batch_exists AFTER INSERT ON social_insurance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION import_rows_check_batch();
CREATE TRIGGER housing_fund_batch_exists AFTER INSERT ON housing_fund
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION import_rows_check_batch();
CREATE TRIGGER unit_batch_exists AFTER INSERT ON unit
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION import_rows_check_batch();
CREATE TRIGGER public_sector_staff_batch_exists AFTER INSERT ON public_sector_staff
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION import_rows_check_batch();
CREATE TRIGGER exam_application_batch_exists AFTER INSERT ON exam_application
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION import_rows_check_batch();
CREATE TRIGGER labor_contract_batch_exists AFTER INSERT ON labor_contract
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION import_rows_check_batch();
