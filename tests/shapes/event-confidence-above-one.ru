# shape: cgsh:EventShape
# expect: Violation MaxInclusiveConstraintComponent <event/seed-agreement-lpo>
DELETE WHERE { <event/seed-agreement-lpo> cg:confidence ?c } ;
INSERT DATA { <event/seed-agreement-lpo> cg:confidence 1.5 }
