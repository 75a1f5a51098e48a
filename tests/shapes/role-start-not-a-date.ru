# shape: cgsh:RoleShape
# expect: Violation OrConstraintComponent <person/alfonso-portillo/role/president-guatemala>
INSERT DATA { <person/alfonso-portillo/role/president-guatemala> schema:startDate "January 2000" }
