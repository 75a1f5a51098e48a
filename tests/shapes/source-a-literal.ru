# shape: cgsh:SourcedShape
# expect: Violation NodeKindConstraintComponent <place/mx-sin>
INSERT DATA { <place/mx-sin> dcterms:source "pycountry (ISO 3166-2)" }
