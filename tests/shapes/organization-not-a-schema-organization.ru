# shape: cgsh:OrganizationShape
# expect: Violation ClassConstraintComponent <org/zetas>
INSERT DATA { <org/zetas> a org:Organization ; rdfs:label "Los Zetas" }
