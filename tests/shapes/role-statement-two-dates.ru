# shape: cgsh:RoleStatementShape
# expect: Violation MaxCountConstraintComponent <person/laura-chinchilla/role/president-costa-rica/statement/1fa48eaea0c9>
INSERT DATA { <person/laura-chinchilla/role/president-costa-rica/statement/1fa48eaea0c9> cg:heldOn "2013-01-01"^^xsd:date }
