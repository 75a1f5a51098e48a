# shape: cgsh:EventShape
# expect: Violation OrConstraintComponent <event/seed-presence-zetas>
INSERT DATA { <event/seed-presence-zetas> sem:hasActor <event/seed-agreement-lpo> }
