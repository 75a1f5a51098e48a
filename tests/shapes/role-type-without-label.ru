# shape: cgsh:RoleTypeShape
# expect: Violation MinCountConstraintComponent <role-type/president>
DELETE WHERE { <role-type/president> rdfs:label ?l }
