# shape: cgsh:EventShape
# expect: Violation LessThanOrEqualsConstraintComponent <event/seed-agreement-lpo>
INSERT DATA { <event/seed-agreement-lpo> cg:fatalitiesLow "5"^^xsd:nonNegativeInteger ; cg:fatalitiesHigh "3"^^xsd:nonNegativeInteger }
