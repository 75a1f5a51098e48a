# shape: cgsh:KnownClassShape
# expect: Violation PatternConstraintComponent <event/typo>
INSERT DATA { <event/typo> a sem:Evnt ; rdfs:label "an event whose class has a typo" }
