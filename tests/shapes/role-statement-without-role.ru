# shape: cgsh:RoleStatementShape
# expect: Violation MinCountConstraintComponent <person/laura-chinchilla/role/president-costa-rica/statement/other>
INSERT DATA { <person/laura-chinchilla/role/president-costa-rica/statement/other> a cg:RoleStatement ; cg:heldOn "2013-01-01"^^xsd:date }
