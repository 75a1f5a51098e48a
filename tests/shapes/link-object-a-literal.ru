# shape: cgsh:LinkShape
# expect: Violation NodeKindConstraintComponent <link/0123456789abcdef>
DELETE WHERE { <link/0123456789abcdef> rdf:object ?o } ;
INSERT DATA { <link/0123456789abcdef> rdf:object "Q101" }
