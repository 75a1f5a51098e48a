# shape: cgsh:StateShape
# expect: Violation ClassConstraintComponent <place/mx-sin>
INSERT DATA { <place/mx-sin> schema:containedInPlace <place/culiacan> }
