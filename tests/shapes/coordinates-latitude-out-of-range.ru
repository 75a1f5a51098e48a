# shape: cgsh:GeoCoordinatesShape
# expect: Violation MaxInclusiveConstraintComponent <place/culiacan#coordinates>
DELETE WHERE { <place/culiacan#coordinates> schema:latitude ?l } ;
INSERT DATA { <place/culiacan#coordinates> schema:latitude 95.0 }
