# shape: cgsh:EventShape
# expect: Violation NodeKindConstraintComponent <event/seed-presence-zetas>
INSERT DATA { <event/seed-presence-zetas> cg:actor "Los Zetas" }
