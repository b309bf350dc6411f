-- Officers' free text (decision reasons, evidence, the receiving authority, report summaries,
-- review comments, extension reasons) is kept here; workflows carry only its id, so none of it
-- reaches Temporal's history (issue 17, finding 9).
CREATE TABLE officer_text (
  id         uuid PRIMARY KEY,
  kind       text NOT NULL,
  text       text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
