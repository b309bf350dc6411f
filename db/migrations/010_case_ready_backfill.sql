-- Cases opened before the ready mark (009) existed: their workflows were started by the version
-- that opened them and, running on, never mark themselves (patched() keeps their histories as
-- they were), so they would show 准备中 forever. They are offered as ready; a rare one whose
-- workflow has not started yet is refused with "not ready yet", as it was before the mark.
UPDATE case_file SET ready_at = opened_at WHERE ready_at IS NULL;
