export default function ProvinceProceduresPage() { return null; }
