-- Working days (issue 19, 行政处罚法 art. 85): the chinese-days package knows each year's public
-- holidays and adjusted working days (调休) once the State Council publishes them. The province
-- enters a year the package does not cover yet, or a late change, here: a year listed in
-- working_day_year is known (its overrides replace the package's days of that year one by one).
CREATE TABLE working_day_year (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE working_day_override (
  day     date PRIMARY KEY,
  year    integer NOT NULL REFERENCES working_day_year (year) ON DELETE CASCADE,
  working boolean NOT NULL,
  name    text NOT NULL,
  CHECK (extract(year FROM day)::integer = year)
);
CREATE INDEX working_day_override_year ON working_day_override (year);
