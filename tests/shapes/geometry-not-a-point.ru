# shape: cgsh:GeometryShape
# expect: Violation PatternConstraintComponent <place/culiacan#geometry>
DELETE WHERE { <place/culiacan#geometry> geo:asWKT ?w } ;
INSERT DATA { <place/culiacan#geometry> geo:asWKT "POINT(west north)"^^geo:wktLiteral }
