# shape: cgsh:SoftwareAgentShape
# expect: Violation MinCountConstraintComponent <agent/crimegraph-curated/2026-11>
DELETE WHERE { <agent/crimegraph-curated/2026-11> schema:softwareVersion ?v }
