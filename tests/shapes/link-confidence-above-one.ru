# shape: cgsh:LinkShape
# expect: Violation MaxInclusiveConstraintComponent <link/0123456789abcdef>
DELETE WHERE { <link/0123456789abcdef> cg:confidence ?c } ;
INSERT DATA { <link/0123456789abcdef> cg:confidence 1.2 }
