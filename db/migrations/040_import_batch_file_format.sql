-- How a file batch was read (issue 22): its format, and for CSV the text encoding the importer
-- detected, so the API, the console and `screen` can say which one it used. NULL for provider
-- pulls (origin 'http') and for batches imported before this migration.
ALTER TABLE import_batch
  ADD COLUMN file_format text CHECK (file_format IN ('csv', 'xlsx')),
  ADD COLUMN encoding    text CHECK (encoding IN ('utf-8', 'gb18030'));
