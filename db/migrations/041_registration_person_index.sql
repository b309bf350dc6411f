-- Intake checks whether a person without a case is registered in the officer's city
-- (readModel/intakeSubject.ts): by ID number, which without this index is a sequential scan of
-- every registration row of every batch, on each complaint, declaration and deregistration request.
CREATE INDEX registration_person ON registration (id_number, batch_id);
