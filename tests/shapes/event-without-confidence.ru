# shape: cgsh:EventShape
# expect: Violation MinCountConstraintComponent <event/seed-agreement-lpo>
DELETE WHERE { <event/seed-agreement-lpo> cg:confidence ?c }
