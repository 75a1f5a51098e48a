# shape: cgsh:OrganizationShape
# expect: Violation PatternConstraintComponent <org/zetas>
INSERT DATA { <org/zetas> a org:Organization, schema:Organization ; rdfs:label "Los Zetas" }
