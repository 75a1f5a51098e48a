# shape: cgsh:PlaceShape
# expect: Violation MinCountConstraintComponent <place/central-america>
DELETE WHERE { <place/central-america> rdfs:label ?l }
