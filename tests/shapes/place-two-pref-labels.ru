# shape: cgsh:PlaceShape
# expect: Violation QualifiedMaxCountConstraintComponent <place/mx-cmx>
INSERT DATA { <place/mx-cmx> skos:prefLabel "Ciudad de México", "Mexico City" }
