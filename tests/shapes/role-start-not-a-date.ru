# shape: cgsh:RoleStatementShape
# expect: Violation OrConstraintComponent <person/alfonso-portillo/role/president-guatemala/statement/159f7842e4dc>
INSERT DATA { <person/alfonso-portillo/role/president-guatemala/statement/159f7842e4dc> schema:startDate "January 2000" }
