-- Issue 19 (penalties by due process): the authority's responsible person (负责人), who approves a
-- procedure's proposed decision (拟处理意见), its decision (决定书) and an extension of its time limit.
-- A permission of its own beside the role: a city's responsible person is a city officer of that
-- city, the province's is a provincial coordinator. Supervisors and auditors never approve.
ALTER TABLE app_user
  ADD COLUMN responsible boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT app_user_responsible_role CHECK (NOT responsible OR role IN ('city_officer', 'province_coordinator'));
