export default function ProceduresDuePage() { return null; }
