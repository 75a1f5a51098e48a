# shape: cgsh:EventShape
# expect: Violation InConstraintComponent <event/seed-agreement-lpo>
DELETE WHERE { <event/seed-agreement-lpo> sem:eventType ?t } ;
INSERT DATA { <event/seed-agreement-lpo> sem:eventType cget:party }
