# shape: cgsh:MunicipalityShape
# expect: Violation OrConstraintComponent <place/mx-sin-culiacan-municipality>
DELETE WHERE { <place/mx-sin-culiacan-municipality> schema:containedInPlace ?p } ;
INSERT DATA { <place/mx-sin-culiacan-municipality> schema:containedInPlace <place/culiacan> }
