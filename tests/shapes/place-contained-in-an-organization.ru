# shape: cgsh:PlaceShape
# expect: Violation ClassConstraintComponent <place/culiacan>
INSERT DATA { <place/culiacan> schema:containedInPlace <organization/zetas> }
